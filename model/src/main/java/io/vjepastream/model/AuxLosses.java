package io.vjepastream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Auxiliary regularisers against collapse, on batches of pooled embeddings [B, D] (B >= 2).
 *
 * <p>Results live on the manager of the first argument, so callers pass step-scoped arrays.
 */
final class AuxLosses {
    /** VICReg's epsilon inside the square root of the variance. */
    static final float VARIANCE_EPSILON = 1e-4f;
    /** Barlow Twins' batch-norm epsilon. */
    static final float NORM_EPSILON = 1e-5f;

    private AuxLosses() {
    }

    /**
     * VICReg (Bardes et al.): {@code sim * mse(a, b) + std * (mean_j relu(1 - sqrt(var_j(a) + eps)) +
     * same for b) / 2 + cov * (off(cov(a)) + off(cov(b))) / D}, with unbiased variances and covariances
     * over the batch and {@code off} the sum of squared off-diagonal elements.
     */
    static NDArray vicreg(NDArray a, NDArray b, float sim, float std, float cov) {
        NDArray invariance = a.sub(b).square().mean();
        NDArray variance = varianceHinge(a).add(varianceHinge(b)).div(2f);
        NDArray covariance = offDiagonalSquares(covariance(a)).add(offDiagonalSquares(covariance(b)))
                .div((float) a.getShape().get(1));
        return invariance.mul(sim).add(variance.mul(std)).add(covariance.mul(cov));
    }

    /** @return mean over dimensions of relu(1 - sqrt(unbiased variance + eps)) */
    static NDArray varianceHinge(NDArray z) {
        NDArray centred = z.sub(z.mean(new int[] {0}, true));
        NDArray variance = centred.square().sum(new int[] {0}).div((float) (z.getShape().get(0) - 1));
        return variance.add(VARIANCE_EPSILON).sqrt().neg().add(1f).maximum(0f).mean();
    }

    /** @return the unbiased covariance matrix [D, D] of z [B, D] */
    static NDArray covariance(NDArray z) {
        NDArray centred = z.sub(z.mean(new int[] {0}, true));
        return centred.transpose().matMul(centred).div((float) (z.getShape().get(0) - 1));
    }

    /**
     * Barlow Twins (Zbontar et al.): each view standardised over the batch (biased variance, as
     * batch norm does), {@code C = za^T zb / B}; {@code sum_i (1 - C_ii)^2 + lambda * sum_{i != j} C_ij^2}.
     */
    static NDArray barlowTwins(NDArray a, NDArray b, float lambda) {
        NDArray c = standardise(a).transpose().matMul(standardise(b)).div((float) a.getShape().get(0));
        NDArray diagonal = c.mul(identity(a.getManager(), c.getShape().get(0)));
        NDArray onDiagonal = diagonal.sum(new int[] {1}).neg().add(1f).square().sum();
        return onDiagonal.add(offDiagonalSquares(c).mul(lambda));
    }

    /** DINO-style centering: {@code sum_j (mean_b z_bj - centre_j)^2}; the centre is a constant. */
    static NDArray dino(NDArray z, NDArray centre) {
        return z.mean(new int[] {0}).sub(centre).square().sum();
    }

    private static NDArray standardise(NDArray z) {
        NDArray centred = z.sub(z.mean(new int[] {0}, true));
        NDArray variance = centred.square().mean(new int[] {0}, true);
        return centred.div(variance.add(NORM_EPSILON).sqrt());
    }

    private static NDArray offDiagonalSquares(NDArray matrix) {
        long d = matrix.getShape().get(0);
        NDArray off = identity(matrix.getManager(), d).neg().add(1f);
        return matrix.square().mul(off).sum();
    }

    private static NDArray identity(NDManager manager, long d) {
        return manager.eye((int) d).reshape(new Shape(d, d));
    }
}
