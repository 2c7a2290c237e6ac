-- identity: tell every app process when a session ends (sign-out, sign-out everywhere, pruning) or is cut short
-- (its lifetime or last activity moved back, e.g. by an administrator), so a process that keeps sessions in memory
-- forgets it at once. The payload is the hex SHA-256 of the token, never the token.
create function session_ended_notify() returns trigger
language plpgsql
as $$
begin
  perform pg_notify('session_ended', encode(old.token_hash, 'hex'));
  return null;
end
$$;
create trigger session_ended_notify after delete on session
  for each row execute function session_ended_notify();
create trigger session_shortened_notify after update of expires_at, last_seen_at on session
  for each row when (new.expires_at < old.expires_at or new.last_seen_at < old.last_seen_at)
  execute function session_ended_notify();
