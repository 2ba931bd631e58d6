package org.mailtrace.cli;

/** How a command prints its result: a table for people, JSON or CSV for scripts. */
enum OutputFormat { table, json, csv }
