-- Acceptance measured against the criteria table (TL-RECL-05): an application states the
-- reclamation region (复垦区域) whose criteria apply and the indicators measured on the land
-- ({indicator, value, unit}, e.g. soil thickness from the completion survey); the acceptance
-- view checks them against the bureau's acceptance_criterion rows.
ALTER TABLE reclamation_acceptance
  ADD COLUMN criteria_region text CHECK (criteria_region IS NULL OR criteria_region ~ '^[a-z][a-z0-9_]{1,39}$'),
  ADD COLUMN measured jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(measured) = 'array');
