package io.vjepastream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;

import java.util.List;

/**
 * The target encoder's exponential moving average: target = m * target + (1 - m) * online, in place.
 *
 * <p>The online weights are detached first so that no autograd graph is recorded whatever the
 * thread's grad mode (a recorded in-place add would turn the frozen target weights into graph
 * nodes); the one temporary per weight is closed at once so native memory stays flat.
 */
final class EmaUpdate {
    private EmaUpdate() {
    }

    /**
     * @param target the target weights, updated in place
     * @param online the online weights, same order and shapes, left unchanged
     * @param momentum m in [0, 1]
     */
    static void apply(List<Parameter> target, List<Parameter> online, float momentum) {
        if (target.size() != online.size()) {
            throw new IllegalArgumentException(
                    "EMA over " + target.size() + " target and " + online.size() + " online weights");
        }
        for (int i = 0; i < target.size(); i++) {
            NDArray t = target.get(i).getArray();
            try (NDArray detached = online.get(i).getArray().stopGradient();
                    NDArray scaled = detached.mul(1f - momentum)) {
                t.muli(momentum).addi(scaled);
            }
        }
    }
}
