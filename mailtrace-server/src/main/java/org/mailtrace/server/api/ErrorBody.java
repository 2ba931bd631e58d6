package org.mailtrace.server.api;

/** The one error shape of the API: a stable machine name and a sentence saying what to do. */
public record ErrorBody(String error, String detail) {
}
