/**
 * Service settings declared once ({@link io.vjepastream.runtime.config.Setting}: name, type, default, allowed
 * values, doc) and tabled with the builder method each one sets ({@link io.vjepastream.runtime.config.SettingTable}),
 * so that the command-line options, their {@code VJEPA_*} variables, the help text and the config's checks are
 * all derived from one declaration.
 */
package io.vjepastream.runtime.config;
