-- What the seed's functions need to run, kept apart from the document's text (seed.sql). Column names win
-- where a name is both a parameter and a column, as the document's author evidently meant: the chat upsert's
-- conflict target lists columns.
ALTER FUNCTION send_ping_optimized(TEXT, TEXT, UUID, TEXT) SET plpgsql.variable_conflict = use_column;
