/** Connection pool, schema migrations, small JDBC helpers shared by the repositories, and the limits of the text columns input is checked against. */
package xtremweb.server.db;
