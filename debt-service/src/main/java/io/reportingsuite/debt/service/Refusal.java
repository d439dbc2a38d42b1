package io.reportingsuite.debt.service;

/** Why a part of a request was refused: a JSON pointer into the request and a sentence without its values. */
public record Refusal(String pointer, String reason) {
}
