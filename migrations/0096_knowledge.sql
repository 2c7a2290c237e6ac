-- knowledge: the knowledge base behind "Stil et spørgsmål" (issue 18). National articles are governance's
-- (municipality_code null), local ones a municipality's own (its content owners'); Danish title and body, optional
-- English ones, keywords, published or draft. A citizen reads the published national articles and their own
-- municipality's published local ones, searched with Danish full text and explained by the words that matched. What
-- helped is counted per article and asking municipality without any citizen's id; a question the articles did not
-- answer goes to the jobcenter as a message (messages module), and its text is kept here for that municipality's staff.

-- The municipality of the signed-in citizen of this transaction (app.citizen), for the policies below: a citizen's
-- transaction never sets app.municipality (that would show it every citizen's name of the municipality, 0048).
create function knowledge_citizen_municipality() returns text
language sql stable security definer set search_path = public
as $$
  select c.municipality_code::text from citizen c
  where c.id::text = nullif(current_setting('app.citizen', true), '')
$$;
revoke all on function knowledge_citizen_municipality() from public;
grant execute on function knowledge_citizen_municipality() to jobunivers_app;

create table knowledge_article (
  id                 uuid primary key default gen_random_uuid(),
  -- null: a national article (governance); otherwise the municipality whose local article it is.
  municipality_code  char(3) references municipality (code),
  title_da           text not null check (length(title_da) between 3 and 200),
  body_da            text not null check (length(body_da) between 10 and 10000),
  title_en           text check (length(title_en) between 3 and 200),
  body_en            text check (length(body_en) between 10 and 10000),
  -- As typed, comma-separated ("dagpenge, a-kasse, ledig"): words a citizen may ask with that the text does not use.
  keywords           text not null default '' check (length(keywords) <= 500),
  published          boolean not null default false,
  created_at         timestamptz not null default now(),
  updated_at         timestamptz not null default now(),
  updated_by         text not null check (length(updated_by) between 1 and 500),
  -- A demo or fixture article's stable key, so the seed can be run again (null for articles written on the pages).
  seed_key           text unique,
  check ((title_en is null) = (body_en is null)),
  -- Title weighs most (Danish and English: a citizen on the English pages asks in English), then the keywords, then
  -- the text. Danish stemming for all of it, as the job ads: one dictionary keeps one query form.
  search             tsvector generated always as (
    setweight(to_tsvector('danish', title_da || ' ' || coalesce(title_en, '')), 'A') ||
    setweight(to_tsvector('danish', keywords), 'B') ||
    setweight(to_tsvector('danish', body_da || ' ' || coalesce(body_en, '')), 'D')
  ) stored
);
create index knowledge_article_search on knowledge_article using gin (search);
create index knowledge_article_scope on knowledge_article (municipality_code, updated_at desc, id);

alter table knowledge_article enable row level security;
-- Everyone signed in reads the published national articles.
create policy knowledge_article_national_reads on knowledge_article for select
  using (municipality_code is null and published);
-- A citizen reads their own municipality's published local articles.
create policy knowledge_article_citizen_reads on knowledge_article for select
  using (published and (select nullif(current_setting('app.citizen', true), '')) is not null
         and municipality_code = (select knowledge_citizen_municipality()));
-- A municipality's content work (app.municipality) reads and writes its own local articles, drafts too.
create policy knowledge_article_municipality_writes on knowledge_article for all
  using (municipality_code = nullif(current_setting('app.municipality', true), ''))
  with check (municipality_code = nullif(current_setting('app.municipality', true), ''));
-- Governance (app.national) reads and writes the national articles, drafts too.
create policy knowledge_article_national_writes on knowledge_article for all
  using (municipality_code is null and current_setting('app.national', true) = 'on')
  with check (municipality_code is null and current_setting('app.national', true) = 'on');

-- The word list for typo correction: the words of the published articles' Danish titles, keywords and texts with
-- their Danish stems, per scope ('' national, else the municipality's code), so a citizen's misspelt word is corrected
-- only towards words of articles they can read. Kept by the trigger below; read under row-level security.
create table knowledge_word (
  scope  text not null check (scope = '' or scope ~ '^[0-9]{3}$'),
  word   text not null,
  stem   text not null,
  primary key (scope, word)
);
create index knowledge_word_trigram on knowledge_word using gist (word gist_trgm_ops);
create index knowledge_word_stem on knowledge_word (stem);
alter table knowledge_word enable row level security;
create policy knowledge_word_reads on knowledge_word for select
  using (scope = ''
         or scope = nullif(current_setting('app.municipality', true), '')
         or ((select nullif(current_setting('app.citizen', true), '')) is not null and scope = (select knowledge_citizen_municipality())));
revoke insert, update, delete, truncate on knowledge_word from jobunivers_app;

-- Rebuilds the word list of the scopes the changed articles are in (articles are few; a scope is rebuilt whole).
create function knowledge_words_changed() returns trigger
language plpgsql security definer set search_path = public
as $$
declare
  scopes text[] := '{}';
begin
  if tg_op in ('INSERT', 'UPDATE') then
    select scopes || coalesce(array_agg(distinct coalesce(n.municipality_code::text, '')), '{}') into scopes from new_rows n;
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    select scopes || coalesce(array_agg(distinct coalesce(o.municipality_code::text, '')), '{}') into scopes from old_rows o;
  end if;
  perform pg_advisory_xact_lock(hashtext('knowledge_word'));
  delete from knowledge_word where scope = any(scopes);
  insert into knowledge_word (scope, word, stem)
  select s.scope, s.word, (ts_lexize('danish_stem', s.word))[1]
  from (select distinct coalesce(a.municipality_code::text, '') as scope, w.word
        from knowledge_article a
        cross join lateral unnest(tsvector_to_array(to_tsvector('simple'::regconfig, concat_ws(' ', a.title_da, a.keywords, a.body_da)))) w(word)
        where a.published and coalesce(a.municipality_code::text, '') = any(scopes)
          and (w.word collate "da-DK-x-icu") ~ '^[[:alpha:]]{3,}$') s
  where (ts_lexize('danish_stem', s.word))[1] is not null;
  return null;
end
$$;
create trigger knowledge_article_words_inserted after insert on knowledge_article
  referencing new table as new_rows for each statement execute function knowledge_words_changed();
create trigger knowledge_article_words_updated after update on knowledge_article
  referencing old table as old_rows new table as new_rows for each statement execute function knowledge_words_changed();
create trigger knowledge_article_words_deleted after delete on knowledge_article
  referencing old table as old_rows for each statement execute function knowledge_words_changed();

-- How articles are used, per article and the asking citizen's municipality: shown as an answer, said to have helped,
-- shown before a question was handed over. No citizen's id: the counts are all there is. Written only through
-- record_knowledge_use; read by the municipality's staff (their municipality's row of every article) and governance.
create table knowledge_article_use (
  article_id         uuid not null references knowledge_article (id) on delete cascade,
  municipality_code  char(3) not null references municipality (code),
  shown              int not null default 0 check (shown >= 0),
  helped             int not null default 0 check (helped >= 0),
  handed_over        int not null default 0 check (handed_over >= 0),
  primary key (article_id, municipality_code)
);
alter table knowledge_article_use enable row level security;
create policy knowledge_article_use_municipality_reads on knowledge_article_use for select
  using (municipality_code = nullif(current_setting('app.municipality', true), ''));
create policy knowledge_article_use_national_reads on knowledge_article_use for select
  using (current_setting('app.national', true) = 'on');
revoke insert, update, delete, truncate on knowledge_article_use from jobunivers_app;

-- The questions the articles did not answer, as the citizen wrote them to their own jobcenter, with the thread the
-- messages module made of it and the articles shown: for that municipality's content owners only, without the
-- citizen's id or name. One row per thread (a resubmitted form makes the same thread, and no second row).
create table knowledge_handover (
  id                  uuid primary key default gen_random_uuid(),
  municipality_code   char(3) not null references municipality (code),
  thread_id           uuid not null unique,
  question            text not null check (length(question) between 1 and 2000),
  article_ids         uuid[] not null default '{}',
  expected_answer_by  timestamptz not null,
  created_at          timestamptz not null default now()
);
create index knowledge_handover_recent on knowledge_handover (municipality_code, created_at desc, id);
alter table knowledge_handover enable row level security;
create policy knowledge_handover_municipality_reads on knowledge_handover for select
  using (municipality_code = nullif(current_setting('app.municipality', true), ''));
revoke insert, update, delete, truncate on knowledge_handover from jobunivers_app;

-- Counts a use of articles by the citizen of this transaction (app.citizen): 'shown', 'helped' or 'handed_over', for
-- the articles they can read (others are ignored). Returns how many articles were counted.
create function record_knowledge_use(p_articles uuid[], p_kind text) returns int
language plpgsql security definer set search_path = public
as $$
declare
  v_municipality text := knowledge_citizen_municipality();
  v_count int;
begin
  if v_municipality is null or p_kind not in ('shown', 'helped', 'handed_over') then
    raise exception 'record_knowledge_use: no citizen, or an unknown kind' using errcode = '42501';
  end if;
  insert into knowledge_article_use as u (article_id, municipality_code, shown, helped, handed_over)
  select a.id, v_municipality, (p_kind = 'shown')::int, (p_kind = 'helped')::int, (p_kind = 'handed_over')::int
  from knowledge_article a
  where a.id = any(p_articles) and a.published and (a.municipality_code is null or a.municipality_code = v_municipality)
  order by a.id
  on conflict (article_id, municipality_code) do update
    set shown = u.shown + excluded.shown, helped = u.helped + excluded.helped, handed_over = u.handed_over + excluded.handed_over;
  get diagnostics v_count = row_count;
  return v_count;
end
$$;
revoke all on function record_knowledge_use(uuid[], text) from public;
grant execute on function record_knowledge_use(uuid[], text) to jobunivers_app;

-- Keeps a question the citizen of this transaction handed over (thread made by the messages module) and counts the
-- articles shown as handed over — once per thread: a second call for the same thread does nothing and returns false.
create function record_knowledge_handover(p_thread uuid, p_question text, p_articles uuid[], p_expected timestamptz) returns boolean
language plpgsql security definer set search_path = public
as $$
declare
  v_municipality text := knowledge_citizen_municipality();
  v_articles uuid[];
begin
  if v_municipality is null then
    raise exception 'record_knowledge_handover: no citizen' using errcode = '42501';
  end if;
  select coalesce(array_agg(a.id order by a.id), '{}') into v_articles
  from knowledge_article a
  where a.id = any(p_articles) and a.published and (a.municipality_code is null or a.municipality_code = v_municipality);
  insert into knowledge_handover (municipality_code, thread_id, question, article_ids, expected_answer_by)
  values (v_municipality, p_thread, p_question, v_articles, p_expected)
  on conflict (thread_id) do nothing;
  if not found then
    return false;
  end if;
  perform record_knowledge_use(v_articles, 'handed_over');
  return true;
end
$$;
revoke all on function record_knowledge_handover(uuid, text, uuid[], timestamptz) from public;
grant execute on function record_knowledge_handover(uuid, text, uuid[], timestamptz) to jobunivers_app;

grant select, insert, update, delete on knowledge_article to jobunivers_app;
grant select on knowledge_word, knowledge_article_use, knowledge_handover to jobunivers_app;
