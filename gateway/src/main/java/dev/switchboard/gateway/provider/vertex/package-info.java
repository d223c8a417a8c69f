/**
 * Speaks to Google Vertex AI: Gemini through the Gemini translation and Claude through the
 * Messages translation, both addressed under a project and location and authorized with OAuth2
 * access tokens. Depends on the gemini and anthropic packages' endpoint seams, never their
 * mappers.
 */
package dev.switchboard.gateway.provider.vertex;
