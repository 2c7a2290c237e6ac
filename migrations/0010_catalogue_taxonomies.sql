-- catalogue: the reference taxonomies listings are described with, as data (governance maintains them;
-- target groups in particular change with employment reforms and are never hard-coded).
create table journey_stage (
  code    text primary key check (code ~ '^[a-z_]+$'),
  name_da text not null,
  name_en text not null,
  sort    int not null
);
insert into journey_stage (code, name_da, name_en, sort) values
  ('clarify', 'Afklaring', 'Clarification', 1),
  ('search', 'Jobsøgning', 'Job search', 2),
  ('prepare', 'Forberedelse', 'Preparation', 3),
  ('upskill', 'Opkvalificering', 'Upskilling', 4),
  ('in_job', 'I job', 'In work', 5);

create table service_category (
  code    text primary key check (code ~ '^[a-z_]+$'),
  name_da text not null,
  name_en text not null
);
insert into service_category (code, name_da, name_en) values
  ('cv_application', 'CV og ansøgning', 'CV and applications'),
  ('interview', 'Jobsamtale', 'Job interviews'),
  ('digital_skills', 'Digitale færdigheder', 'Digital skills'),
  ('courses', 'Kurser og uddannelse', 'Courses and education'),
  ('wellbeing', 'Trivsel og motivation', 'Wellbeing and motivation'),
  ('language', 'Dansk og sprog', 'Danish and languages'),
  ('networking', 'Netværk', 'Networking');

create table target_group (
  code    text primary key check (code ~ '^[a-z0-9_]+$'),
  name_da text not null,
  name_en text not null,
  active  boolean not null default true
);
-- The five target groups after the 2025 employment reform, as configuration data.
insert into target_group (code, name_da, name_en) values
  ('job_ready', 'Jobparate', 'Ready for work'),
  ('education_ready', 'Uddannelsesparate unge', 'Young people ready for education'),
  ('activity_ready', 'Aktivitetsparate', 'Ready for activities'),
  ('sick_leave', 'Sygemeldte', 'On sick leave'),
  ('flex_job', 'Fleksjobvisiterede', 'Eligible for flex jobs');

create table language (
  code    text primary key check (code ~ '^[a-z]{2}$'),
  name_da text not null,
  name_en text not null
);
insert into language (code, name_da, name_en) values
  ('da', 'Dansk', 'Danish'), ('en', 'Engelsk', 'English'), ('ar', 'Arabisk', 'Arabic'),
  ('uk', 'Ukrainsk', 'Ukrainian'), ('tr', 'Tyrkisk', 'Turkish'), ('pl', 'Polsk', 'Polish');

create table data_category (
  code    text primary key check (code ~ '^[a-z_]+$'),
  name_da text not null,
  name_en text not null
);
insert into data_category (code, name_da, name_en) values
  ('profile', 'Profil (navn, bopælskommune)', 'Profile (name, municipality)'),
  ('contact', 'Kontaktoplysninger', 'Contact details'),
  ('cv', 'CV', 'CV'),
  ('job_wishes', 'Jobønsker', 'Job wishes'),
  ('plan', 'Plan', 'Plan'),
  ('target_group', 'Målgruppe', 'Target group'),
  ('activity_history', 'Aktivitetshistorik', 'Activity history');

revoke insert, update, delete on journey_stage, service_category, language, data_category from jobunivers_app;
