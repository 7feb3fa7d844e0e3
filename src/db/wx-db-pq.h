/* wx-db-pq.h — libpq's connection and result by name only, for the headers
 * the gui may include: their blocking calls (for the CLI and the tests)
 * name a PGconn, but nothing outside src/db can reach libpq itself
 * (<libpq-fe.h> is on no include path but db's, the CLI's and the tests';
 * HACKING.md, "Layers"). The same typedefs as libpq-fe.h's, which C11 lets
 * both be seen. */
#pragma once

typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;
