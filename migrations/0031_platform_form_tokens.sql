-- platform: one-time form tokens. A creating form carries a random token; the first submit records it in the
-- same transaction as the row it creates, with that row's id, so a resubmit (Back and submit again, a double
-- click, a reload of the POST) finds the token taken and is shown the row already made instead of a second
-- one. Rows are only needed while a browser may still hold the page: they are pruned after a day, lazily, by
-- the submits themselves (see src/platform/http/form-token.ts).
create table platform_form_token (
  token      text primary key check (token ~ '^[A-Za-z0-9_-]{22,64}$'),
  purpose    text not null check (purpose ~ '^[a-z][a-z0-9_.-]*$'),
  owner      text not null check (length(owner) <= 500),
  result_id  text check (length(result_id) <= 200),
  created_at timestamptz not null default now()
);
create index platform_form_token_created_at on platform_form_token (created_at);
-- The token is taken before the row is made (so a concurrent submit waits on it), then given the row's id.
revoke update on platform_form_token from jobunivers_app;
grant update (result_id) on platform_form_token to jobunivers_app;
