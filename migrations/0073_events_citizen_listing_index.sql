-- events: the services on a citizen's timeline (timeline's filter) are the distinct listings of the citizen's events;
-- with this index they are found one probe per listing instead of reading every event of the citizen (thousands for
-- a citizen of a busy service, each row checked by the row-level security's functions).
create index activity_event_citizen_listing on activity_event (citizen_id, listing_id);
