-- jobs: the state's job ads, read from Jobnet's feed (a snapshot, then the changes after a cursor), searched with Danish
-- full text, by occupation, municipality, working hours, dates and distance. Job ads are public: no row-level security.

-- Distance: cube + earthdistance (contrib, in the embedded PostgreSQL and in Debian's PostgreSQL 15). Both are trusted
-- extensions. A point is stored as the cube ll_to_earth gives, written by the ingesting statement (not a generated
-- column: ll_to_earth's body names cube() and earth() without a schema, which a restore's empty search_path breaks).
create extension if not exists cube;
create extension if not exists earthdistance;

create table job_ad (
  ad_id              text primary key check (length(ad_id) between 1 and 64),
  version            int not null check (version > 0),
  title              text not null,
  body               text not null,
  ad_language        text not null check (ad_language in ('da', 'en')),
  employer_name      text not null,
  employer_cvr       char(8) not null check (employer_cvr ~ '^[0-9]{8}$'),
  town               text not null,
  postal_code        char(4) check (postal_code ~ '^[0-9]{4}$'),
  municipality_code  char(3) not null references municipality (code),
  lat                double precision not null check (lat between 54 and 58),
  lon                double precision not null check (lon between 7 and 16),
  position           cube not null,
  esco_uri           text not null,
  occupation_title   text not null,
  disco_code         char(4) not null check (disco_code ~ '^[0-9]{4}$'),
  working_hours      text not null check (working_hours in ('fuldtid', 'deltid')),
  hours_per_week     numeric(4, 1) not null,
  employment         text not null check (employment in ('fast', 'tidsbegraenset', 'vikariat', 'elev')),
  published_at       timestamptz not null,
  deadline           date not null,
  url                text not null,
  -- When the platform first saw the ad, and the order it saw ads in: job agents match what came after their last look.
  first_seen_at      timestamptz not null default now(),
  seen_seq           bigint generated always as identity,
  updated_at         timestamptz not null default now(),
  -- The snapshot that last delivered the ad: a new snapshot removes what it no longer holds.
  snapshot_id        bigint not null default 0,
  -- Title and occupation weigh most, then employer and town, then the text; Danish stemming for every ad (the English
  -- ones too: one dictionary keeps one query form, and English words mostly stem alike).
  search             tsvector generated always as (
    setweight(to_tsvector('danish', title || ' ' || occupation_title), 'A') ||
    setweight(to_tsvector('danish', employer_name || ' ' || town), 'B') ||
    setweight(to_tsvector('danish', body), 'D')
  ) stored
);
create index job_ad_search on job_ad using gin (search);
create index job_ad_position on job_ad using gist (position);
create index job_ad_published on job_ad (published_at desc, ad_id);
create index job_ad_deadline on job_ad (deadline, ad_id);
create index job_ad_municipality on job_ad (municipality_code);
create index job_ad_occupation on job_ad (esco_uri);
create index job_ad_seen on job_ad (seen_seq);

-- The lexicon for typo tolerance: the words of the ads' titles and occupations with their Danish stems, so a misspelt
-- query word is corrected against tens of thousands of words, not every ad's text. Ingestion adds words; the nightly
-- expiry removes words no live ad has any more.
create table job_word (
  word  text primary key,
  stem  text not null
);
create index job_word_trigram on job_word using gist (word gist_trgm_ops);
create index job_word_stem on job_word (stem);

-- Occupations for typeahead: every ESCO concept an ad has named, with its DISCO-08 group and title.
create table job_occupation (
  esco_uri    text primary key,
  title       text not null,
  disco_code  char(4) not null
);
create index job_occupation_title on job_occupation using gist (title gist_trgm_ops);

-- Where ingestion is: one row per feed. `phase` 'snapshot' with `snapshot_cursor` and `snapshot_after` (the last
-- ad id of the last committed page) resumes a snapshot; 'changes' with `cursor` reads on from there. Each page's ads
-- and this row are written in one transaction, so a crash resumes exactly after the last committed page.
create table job_feed_state (
  feed             text primary key,
  phase            text not null check (phase in ('snapshot', 'changes')),
  snapshot_id      bigint not null,
  snapshot_cursor  text,
  snapshot_after   text,
  cursor           text,
  ads_received     bigint not null default 0,
  removals         bigint not null default 0,
  last_run_at      timestamptz,
  last_error       text,
  updated_at       timestamptz not null default now()
);

grant select, insert, update, delete on job_ad, job_word, job_occupation, job_feed_state to jobunivers_app;
