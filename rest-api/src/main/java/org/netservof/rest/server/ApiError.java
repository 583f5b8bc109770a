package org.netservof.rest.server;

/**
 * The body of every error the API returns.
 *
 * @param status the HTTP status code, repeated for clients that only keep the body
 * @param error the status's reason phrase ("Bad Request", "Not Found", ...)
 * @param detail what was wrong, for a person: which field, which id, which switch refused what
 */
public record ApiError(int status, String error, String detail) {}
