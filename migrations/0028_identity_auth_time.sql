-- identity: when the person actually authenticated at the IdP (the ID token's auth_time, or the callback's time when
-- the IdP sent none), so a re-authentication (`genlogin=1`) and a vendor's max_age can be answered truthfully.
-- Sessions from before this migration were opened right after their authentication.
alter table session add column auth_time timestamptz;
update session set auth_time = created_at;
alter table session alter column auth_time set not null, alter column auth_time set default now();

-- A step-up or re-authentication must come back with the person of the session it was started from: the attempt
-- remembers that person (the IdP's issuer and subject, and for a citizen the platform's citizen, that is the CPR
-- UUID), and how fresh the authentication must be (max_age, seconds).
alter table sign_in_attempt
  add column expected_issuer text,
  add column expected_subject text,
  add column expected_citizen_id uuid,
  add column max_age integer check (max_age >= 0),
  add constraint sign_in_attempt_expected_person check ((expected_issuer is null) = (expected_subject is null));
