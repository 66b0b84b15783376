-- Orleans ADO.NET providers: the query table.
--
-- Every Orleans ADO.NET provider reads its SQL from this table at start-up, by key. The scripts that follow
-- (002-004) add the rows for clustering, grain persistence and reminders. They are our own PostgreSQL
-- versions of the provider contract in dotnet/orleans (src/AdoNet): the table and column names, the query
-- keys and the @Parameter names are the contract; the SQL behind each key is ours.
--
-- Conventions the providers rely on:
--   * result columns are read by name (PostgreSQL folds them to lower case; the provider matches either);
--   * a query that reports success returns a single integer column: > 0 means it succeeded;
--   * an optimistic-concurrency miss returns 0 rather than raising, so the provider can retry.

CREATE TABLE OrleansQuery
(
    QueryKey  varchar(64)   NOT NULL,
    QueryText varchar(8000) NOT NULL,

    CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
);
