// The benchmark's smoke run counts the database operations of PingActors' pools process-wide (Npgsql's own
// instruments), and the other tests here run clusters with pools of the same names: they run one at a time, so no
// test's operations are counted in another's figures.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
