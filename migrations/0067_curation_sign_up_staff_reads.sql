-- curation: the caseworker's timeline of a citizen (issue 15) shows the citizen's sign-ups to local offers, as the
-- citizen's own timeline does. Staff read a citizen's sign-ups as they read the journey's rows: the organisation
-- responsible now reads them all, one that was reads those from its own period (0048, 0058). Reads only: signing up
-- stays the citizen's (and the municipality's content work keeps its own policy).
create policy local_offer_signup_staff_reads on local_offer_signup for select
  using (organisation_serves_citizen(citizen_id, municipality_code) or organisation_knew_citizen_at(citizen_id, signed_up_at));
