-- Division boundaries are public information (issue 5): the public portal draws them as the
-- government map does. The public (and enterprise accounts, in their division) may read the
-- boundary rows and the division layer's batches that say which of them are current; nothing
-- else of the reference layers (land-class patches and farmland stay government-only). Writing
-- stays with government users in scope (migration 0023). The public's scope is national.

CREATE POLICY division_boundary_public ON division_boundary FOR SELECT TO reclaim_app
  USING (reclaim_role() IN ('public', 'enterprise') AND reclaim_in_scope(division_code));

CREATE POLICY reference_layer_batch_division_public ON reference_layer_batch FOR SELECT TO reclaim_app
  USING (layer = 'division' AND reclaim_role() IN ('public', 'enterprise')
         AND reclaim_in_scope(division_code));
