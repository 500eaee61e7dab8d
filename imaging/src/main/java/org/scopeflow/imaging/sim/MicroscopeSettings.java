package org.scopeflow.imaging.sim;

/**
 * Instrument and specimen constants of the simulated microscope.
 *
 * @param voltageKilovolt acceleration voltage (kV)
 * @param sphericalAberrationMillimeter Cs (mm)
 * @param amplitudeContrast amplitude-contrast fraction
 * @param bFactorAngstrom2 envelope exp(−B·k²/4) for partial coherence, drift within a frame and
 *     radiation damage (Å²)
 * @param iceNoiseRadian standard deviation of the phase of the amorphous ice and buffer per 1 Å²
 *     area (radians); it scales as 1/pixel size. This is what draws Thon rings in a real power spectrum.
 */
public record MicroscopeSettings(double voltageKilovolt, double sphericalAberrationMillimeter,
        double amplitudeContrast, double bFactorAngstrom2, double iceNoiseRadian) {

    public MicroscopeSettings {
        if (!(bFactorAngstrom2 >= 0) || !(iceNoiseRadian >= 0)) {
            throw new IllegalArgumentException("B-factor " + bFactorAngstrom2 + " Å² and ice noise "
                    + iceNoiseRadian + " rad must be ≥ 0");
        }
    }

    /** A 300 kV, Cs 2.7 mm, A = 0.07 instrument, B = 60 Å², ice phase noise 0.06 rad per Å². */
    public static MicroscopeSettings krios() {
        return new MicroscopeSettings(300, 2.7, 0.07, 60, 0.06);
    }

    /**
     * Interaction constant σ (radians per V·Å): phase shift per projected potential, relativistic.
     */
    public double interactionConstantPerVoltAngstrom() {
        double volt = voltageKilovolt * 1000;
        double restEnergyEv = 510_998.95;
        double lambda = org.scopeflow.imaging.ctf.CtfParameters.electronWavelengthAngstrom(voltageKilovolt);
        return 2 * Math.PI / (lambda * volt) * (restEnergyEv + volt) / (2 * restEnergyEv + volt);
    }
}
