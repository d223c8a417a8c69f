package dev.switchboard.gateway.dialect;

import dev.switchboard.gateway.api.ChatRequest;

/**
 * Says what an encoded answer is about.
 *
 * @param id the gateway's request id
 * @param model the public model name the client asked for
 * @param created the answer's creation time, epoch seconds
 * @param request the decoded request
 */
public record AnswerContext(String id, String model, long created, ChatRequest request) {}
