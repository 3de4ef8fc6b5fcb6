package io.vjepastream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {
    private static final List<String> KEYS = List.of("latent_dim", "depth", "heads", "pred_depth", "image_size");

    @Test
    void findsTheNameBehindACaseOrSeparatorOrAFewTypos() {
        assertEquals(Optional.of("latent_dim"), DidYouMean.closest("latentDim", KEYS));
        assertEquals(Optional.of("latent_dim"), DidYouMean.closest("latent-dim", KEYS));
        assertEquals(Optional.of("latent_dim"), DidYouMean.closest("laten_dim", KEYS));
        assertEquals(Optional.of("pred_depth"), DidYouMean.closest("pred_detph", KEYS));
        assertEquals(Optional.of("image_size"), DidYouMean.closest("imagesize", KEYS));
    }

    @Test
    void suggestsNothingForANameTooFarFromEveryKnownOne() {
        assertEquals(Optional.empty(), DidYouMean.closest("learning_rate", KEYS));
        assertEquals(Optional.empty(), DidYouMean.closest("dep", KEYS), "one edit in a three-letter name is a guess");
        assertEquals("", DidYouMean.hint("colour", KEYS));
    }

    @Test
    void anotherSpellingOfASettingSuggestsItsName() {
        Map<String, String> spellings = Map.of("encoderWidth", "latent_dim", "latent_dim", "latent_dim");
        assertEquals("; did you mean 'latent_dim'?", DidYouMean.hint("encoder_width", spellings));
    }
}
