-- responsibility: the rules in force when this was written, as data (reference data every installation needs, not
-- demo data). A reform or a trial is a new row, or a new version of one — never a code change.
insert into responsibility_rule
  (id, version, valid_from, benefit, municipality_codes, akasse_months, free_choice, choice_lock_days, legal_basis, description_da, description_en)
values
  ('dagpenge-akasse', 1, '2019-01-01', 'dagpenge', null, 3, false, 0,
   'Lov om en aktiv beskæftigelsesindsats: a-kassen holder kontaktforløbet de første 3 måneder af ledigheden',
   'Når du får dagpenge, hjælper din a-kasse dig de første 3 måneder af din ledighed. Derefter hjælper jobcentret i din kommune dig videre.',
   'When you receive unemployment benefit (dagpenge), your unemployment insurance fund (a-kasse) helps you for the first 3 months. After that, the jobcentre of your municipality takes over.'),
  -- The 19 municipalities of the 2027 free-choice trial: the Copenhagen area and Funen.
  ('forsoeg-frit-valg-2027', 1, '2027-01-01', 'dagpenge',
   array['101', '147', '157', '159', '167', '175', '185', '151', '153', '173', '461', '479', '450', '430', '420', '410', '440', '480', '482']::char(3)[],
   4, true, 30,
   'Beskæftigelsesreformen 2025: forsøg 2027–2029 med frit valg af aktør for dagpengemodtagere i 19 kommuner',
   'Din kommune er med i et forsøg fra 2027 til 2029. Din a-kasse hjælper dig de første 4 måneder, men du kan selv vælge, om kommunen, din a-kasse eller en anden aktør skal hjælpe dig. Et valg gælder mindst 30 dage.',
   'Your municipality takes part in a trial from 2027 to 2029. Your a-kasse helps you for the first 4 months, but you may choose yourself whether the municipality, your a-kasse or another actor helps you. A choice stands for at least 30 days.')
on conflict (id, version) do nothing;
