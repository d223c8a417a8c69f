/**
 * Owns the Google Gemini API wire family ({@code generateContent} and {@code
 * streamGenerateContent?alt=sse}): mapping OpenAI chat requests to Gemini requests, Gemini answers
 * and stream events back to OpenAI completions and chunks, measuring them into a {@code
 * ResponseSummary}, and reading Gemini error bodies. Depends on {@code provider.sse} and telemetry
 * records; never on HTTP handlers, routing or other provider packages.
 */
package dev.switchboard.gateway.provider.gemini;
