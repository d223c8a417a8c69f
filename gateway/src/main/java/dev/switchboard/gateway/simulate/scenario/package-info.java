/**
 * Describes a simulated year as immutable records (countries, personas, apps, lengths, models with
 * their weight curves, retention and upstream behaviour) and loads and validates it from YAML
 * against the model catalog. No I/O beyond reading the file; no Vert.x.
 */
package dev.switchboard.gateway.simulate.scenario;
