-- identity: the staff directory. Every staff sign-in records who the person is in the organisation they signed in
-- for, so a caseworker can be chosen by name (assignment of citizens and of message threads, meetings) and reached by
-- notifications. A person is (organisation_id, subject): the same IdP subject in another organisation is another entry.

create table staff_member (
  organisation_id     text not null,
  subject             text not null check (length(subject) between 1 and 255),
  name                text not null check (length(name) between 1 and 200),
  roles               text[] not null,
  first_signed_in_at  timestamptz not null default now(),
  last_signed_in_at   timestamptz not null default now(),
  primary key (organisation_id, subject)
);
create index staff_member_name on staff_member (organisation_id, name);

alter table staff_member enable row level security;
-- Staff see their own organisation's directory; only the sign-in function writes it.
create policy staff_member_organisation on staff_member
  using (organisation_id = current_setting('app.organisation', true));
grant select on staff_member to jobunivers_app;

-- Records a staff sign-in: creates the entry, or updates its name and roles (what the IdP says now decides).
create function record_staff_sign_in(p_organisation text, p_subject text, p_name text, p_roles text[])
returns void
language sql
security definer
set search_path = public
as $$
  insert into staff_member (organisation_id, subject, name, roles)
  values (p_organisation, p_subject, p_name, p_roles)
  on conflict (organisation_id, subject)
  do update set name = excluded.name, roles = excluded.roles, last_signed_in_at = now()
$$;
revoke all on function record_staff_sign_in(text, text, text, text[]) from public;
grant execute on function record_staff_sign_in(text, text, text, text[]) to jobunivers_app;
