package io.vjepastream.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code pred_context_queries}: each query carries the newest context frame's token at its place. */
class PredictorContextQueriesTest {
    private static final int STEPS = 80;

    /**
     * The {@code default} target-encoder mode without an auxiliary loss: no gradient reaches the
     * encoder, so only the predictor can lower the loss.
     */
    private static JepaConfig frozenEncoder(boolean contextQueries) {
        return TestConfigs.small().toBuilder().targetEncoderMode(TargetEncoderMode.DEFAULT).loss(LossType.L2)
                .predictorContextQueries(contextQueries).build();
    }

    @Test
    void aQueryReadsTheNewestContextTokenAtItsOwnPlace() {
        // without the residual base, which would carry the newest context token to its place by itself
        JepaConfig config = frozenEncoder(true).toBuilder().predictorResidual(false).build();
        List<PairSample> batch = new MovingSquares(config, 3).batch(1);
        int perFrame = config.tokensPerFrame();
        int place = 5;
        try (JepaNetworks networks = JepaNetworks.create(config); NDManager step = networks.newStepManager()) {
            ParameterStore store = new ParameterStore(step, false);
            MaskPlan plan = MaskPlan.of(batch, config);
            NDArray context = step.randomNormal(new Shape(1, 2L * perFrame, config.encoderWidth()));
            NDArray changed = context.duplicate();
            changed.set(new NDIndex(0, perFrame + place), 3f);
            float[] delta = JepaForward.predict(networks, store, step, batch, changed, plan, false)
                    .sub(JepaForward.predict(networks, store, step, batch, context, plan, false))
                    .abs().sum(new int[] {2}).toFloatArray();
            for (int k = 0; k < perFrame; k++) {
                if (k != place) {
                    assertTrue(delta[place] > 10 * delta[k], "change at place " + place + ": " + delta[place]
                            + ", at place " + k + ": " + delta[k]);
                }
            }
        }
    }

    @Test
    void thePredictorFitsABatchThatPositionOnlyQueriesDoNot() {
        List<PairSample> batch = new MovingSquares(frozenEncoder(false), 11).batch(8);
        double positionOnly = lossAfterTraining(frozenEncoder(false), batch);
        double withContext = lossAfterTraining(frozenEncoder(true), batch);
        assertTrue(withContext < 0.6 * positionOnly,
                "loss after " + STEPS + " steps: " + withContext + " with context queries, " + positionOnly + " without");
    }

    private static double lossAfterTraining(JepaConfig config, List<PairSample> batch) {
        double last = 0;
        try (JepaTrainer trainer = new JepaTrainer(config)) {
            for (int i = 0; i < STEPS; i++) {
                float loss = trainer.step(batch).loss();
                if (i >= STEPS - 5) {
                    last += loss / 5;
                }
            }
        }
        return last;
    }
}
