-- curation: who came to a local offer (issue 16). The municipality's staff record it on the participant list once the
-- offer has started: attended is null until recorded, then true (came) or false (did not come);
-- attendance_recorded_at is when it was last set (statistics' rollups read it as their "changed since" watermark) and
-- attendance_recorded_by the staff member's subject, as local_offer.created_by. The three are set together.
--
-- Row-level security stays as it is: local_offer_signup_access lets the offer's municipality (app.municipality) write
-- its own rows and nobody else's. That policy also lets a citizen (app.citizen) write their own sign-up, so a trigger
-- keeps attendance the municipality's: the application's role changes it only under the row's own municipality.
-- The owner (migrations, the demo seed, the SECURITY DEFINER sign-up) is not the application's role and is not held.

alter table local_offer_signup
  add column attended               boolean,
  add column attendance_recorded_at timestamptz,
  add column attendance_recorded_by text,
  add constraint local_offer_signup_attendance_together check (
    (attended is null) = (attendance_recorded_at is null) and (attended is null) = (attendance_recorded_by is null));

create function local_offer_signup_attendance_guard() returns trigger
language plpgsql
as $$
begin
  if current_user = 'jobunivers_app'
     and (tg_op = 'INSERT' and (new.attended, new.attendance_recorded_at, new.attendance_recorded_by) is distinct from (null::boolean, null::timestamptz, null::text)
          or tg_op = 'UPDATE' and (new.attended, new.attendance_recorded_at, new.attendance_recorded_by)
                                  is distinct from (old.attended, old.attendance_recorded_at, old.attendance_recorded_by))
     and new.municipality_code is distinct from nullif(current_setting('app.municipality', true), '') then
    raise exception 'only the offer''s municipality records attendance' using errcode = 'insufficient_privilege';
  end if;
  return new;
end
$$;

create trigger local_offer_signup_attendance_guard before insert or update on local_offer_signup
  for each row execute function local_offer_signup_attendance_guard();
