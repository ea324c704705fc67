package dev.lethe.cli;

/**
 * A database a bulk selection query runs on: an entry of {@code lethe.datasources}, as the worker's jdbc resources
 * reach it (the worker's pool settings are not needed for one query).
 *
 * @param url JDBC URL
 * @param username user name
 * @param password password
 */
record SelectionSource(String url, String username, String password) {
}
