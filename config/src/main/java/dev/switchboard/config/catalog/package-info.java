/**
 * Owns the model catalog: facts about each model (author, open weights, origin, parameters, size
 * class, reasoning, tools, context, prices, release date) loaded from a bundled resource that is
 * validated on load, and the lookup from a configured route target to its entry. Depends only on
 * the config records; nothing of the gateway or telemetry.
 */
package dev.switchboard.config.catalog;
