/**
 * {@code vjepa eval}, {@code vjepa score} and {@code vjepa synth}: the commands over the eval module.
 */
package io.vjepastream.app.eval;
