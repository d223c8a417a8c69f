package dev.switchboard.telemetry.stats.analysis;

import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Fits y = intercept + slope·x by ordinary least squares, with R² and a 95% confidence interval for
 * the slope from Student's t with n − 2 degrees of freedom.
 */
record Ols(int n, double slope, double intercept, double r2, double slopeStdError, double ciLow, double ciHigh) {

  /** Fits the points; null with fewer than 3 points or no spread in x (no interval exists). */
  static Ols fit(double[] x, double[] y) {
    if (x.length < 3) {
      return null;
    }
    SimpleRegression r = new SimpleRegression(true);
    for (int i = 0; i < x.length; i++) {
      r.addData(x[i], y[i]);
    }
    if (r.getXSumSquares() == 0) {
      return null;
    }
    double halfWidth = r.getSlopeConfidenceInterval(0.05);
    double slope = r.getSlope();
    return new Ols(x.length, slope, r.getIntercept(), r.getRSquare(), r.getSlopeStdErr(),
        slope - halfWidth, slope + halfWidth);
  }
}
