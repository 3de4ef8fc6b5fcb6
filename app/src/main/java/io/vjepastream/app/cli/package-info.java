/**
 * Options, converters and error reporting shared by the commands, and {@code vjepa tail}.
 */
package io.vjepastream.app.cli;
