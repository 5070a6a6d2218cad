-- Enterprise accounts in reclamation: an enterprise reads the obligations of the temporary land
-- whose land user is its organization (reclaim.organization, set for each request with
-- reclaim.scope and reclaim.role), within its division, and files progress reports with photos
-- and acceptance applications for them. Plans, extensions, the ledger, panels and verdicts stay
-- with the government roles' policies (0005, 0017): these policies only add reads and inserts.

-- The enterprise's own records: in its division, its organization their land user.
CREATE POLICY temporary_land_enterprise ON temporary_land FOR SELECT TO reclaim_app
  USING (reclaim_role() = 'enterprise' AND reclaim_in_scope(division_code)
         AND land_user = nullif(current_setting('reclaim.organization', true), ''));

-- Its obligations: those of the records it sees (the subquery runs under the policy above).
CREATE POLICY reclamation_obligation_enterprise ON reclamation_obligation FOR SELECT TO reclaim_app
  USING (reclaim_role() = 'enterprise' AND reclaim_in_scope(division_code)
         AND EXISTS (SELECT 1 FROM temporary_land t WHERE t.id = record_id));

-- What hangs off its obligations (each subquery runs under the obligation's policy).
CREATE POLICY reclamation_extension_enterprise ON reclamation_extension FOR SELECT TO reclaim_app
  USING (reclaim_role() = 'enterprise' AND reclaim_in_scope(division_code)
         AND EXISTS (SELECT 1 FROM reclamation_obligation o WHERE o.id = obligation_id));
CREATE POLICY reclamation_ledger_entry_enterprise ON reclamation_ledger_entry FOR SELECT TO reclaim_app
  USING (reclaim_role() = 'enterprise' AND reclaim_in_scope(division_code)
         AND EXISTS (SELECT 1 FROM reclamation_obligation o WHERE o.id = obligation_id));
CREATE POLICY reclamation_report_enterprise_read ON reclamation_report FOR SELECT TO reclaim_app
  USING (reclaim_role() = 'enterprise' AND reclaim_in_scope(division_code)
         AND EXISTS (SELECT 1 FROM reclamation_obligation o WHERE o.id = obligation_id));
CREATE POLICY reclamation_report_enterprise_insert ON reclamation_report FOR INSERT TO reclaim_app
  WITH CHECK (reclaim_role() = 'enterprise' AND reclaim_in_scope(division_code)
              AND EXISTS (SELECT 1 FROM reclamation_obligation o WHERE o.id = obligation_id));
CREATE POLICY reclamation_photo_enterprise_read ON reclamation_photo FOR SELECT TO reclaim_app
  USING (reclaim_role() = 'enterprise' AND reclaim_in_scope(division_code)
         AND EXISTS (SELECT 1 FROM reclamation_report r WHERE r.id = report_id));
CREATE POLICY reclamation_photo_enterprise_insert ON reclamation_photo FOR INSERT TO reclaim_app
  WITH CHECK (reclaim_role() = 'enterprise' AND reclaim_in_scope(division_code)
              AND EXISTS (SELECT 1 FROM reclamation_report r WHERE r.id = report_id));
CREATE POLICY reclamation_acceptance_enterprise_read ON reclamation_acceptance FOR SELECT TO reclaim_app
  USING (reclaim_role() = 'enterprise' AND reclaim_in_scope(division_code)
         AND EXISTS (SELECT 1 FROM reclamation_obligation o WHERE o.id = obligation_id));
CREATE POLICY reclamation_acceptance_enterprise_insert ON reclamation_acceptance FOR INSERT TO reclaim_app
  WITH CHECK (reclaim_role() = 'enterprise' AND reclaim_in_scope(division_code)
              AND filed_by = 'land_user'
              AND EXISTS (SELECT 1 FROM reclamation_obligation o WHERE o.id = obligation_id));

-- The acceptance criteria its applications are checked against, as officials of its division read them.
CREATE POLICY acceptance_criterion_enterprise_read ON acceptance_criterion FOR SELECT TO reclaim_app
  USING (reclaim_role() = 'enterprise' AND (reclaim_in_scope(division_code)
         OR current_setting('reclaim.scope', true) LIKE reclaim_division_prefix(division_code) || '%'));
