package org.scopeflow.imaging.ctf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CtfModelTest {
    @Test
    void wavelengthAt300kVMatchesTheRelativisticFormula() {
        assertThat(CtfParameters.electronWavelengthAngstrom(300)).isCloseTo(0.01969, within(2e-5));
        assertThat(CtfParameters.electronWavelengthAngstrom(200)).isCloseTo(0.02508, within(2e-5));
    }

    @Test
    void atZeroFrequencyOnlyAmplitudeContrastRemains() {
        CtfModel m = new CtfModel(CtfParameters.at300kV(20000, 20000, 0));
        assertThat(m.value(0, 0)).isCloseTo(-0.07, within(1e-12));
    }

    @Test
    void firstZeroOfAnUnderfocusedCtfSitsWhereChiPlusAlphaEqualsPi() {
        double defocus = 20000;
        CtfModel m = new CtfModel(new CtfParameters(300, 0, 0, defocus, defocus, 0, 0));
        double lambda = CtfParameters.electronWavelengthAngstrom(300);
        double k = Math.sqrt(1 / (lambda * defocus));
        assertThat(m.value(k, 0)).isCloseTo(0, within(1e-9));
        assertThat(m.value(0.5 * k, 0)).isNegative();
    }

    @Test
    void astigmatismFollowsTheAngleOfU() {
        CtfModel m = new CtfModel(CtfParameters.at300kV(22000, 18000, 30));
        assertThat(m.defocusAngstrom(Math.toRadians(30))).isCloseTo(22000, within(1e-6));
        assertThat(m.defocusAngstrom(Math.toRadians(120))).isCloseTo(18000, within(1e-6));
        assertThat(m.defocusAngstrom(Math.toRadians(75))).isCloseTo(20000, within(1e-6));
    }

    @Test
    void canonicalFormPutsTheLargerDefocusInUAndTheAngleInRange() {
        CtfParameters p = CtfParameters.at300kV(18000, 22000, 170).canonical();
        assertThat(p.defocusUAngstrom()).isEqualTo(22000);
        assertThat(p.defocusVAngstrom()).isEqualTo(18000);
        assertThat(p.astigmatismAngleDegree()).isCloseTo(80, within(1e-9));
        CtfModel before = new CtfModel(CtfParameters.at300kV(18000, 22000, 170));
        CtfModel after = new CtfModel(p);
        assertThat(after.value(0.05, 0.03)).isCloseTo(before.value(0.05, 0.03), within(1e-9));
    }

    @Test
    void outOfRangeParametersNameTheValue() {
        assertThatThrownBy(() -> new CtfParameters(300, 2.7, 1.5, 1, 1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("amplitude contrast 1.5");
        assertThatThrownBy(() -> new CtfParameters(-5, 2.7, 0.1, 1, 1, 0, 0))
                .hasMessageContaining("voltage -5.0 kV");
    }
}
