/**
 * File-system helpers the services share: {@link io.vjepastream.schemas.files.DirectoryTrees} deletes a
 * directory tree, the one place where that is written.
 */
package io.vjepastream.schemas.files;
