package io.vjepastream.app.cli;

import io.vjepastream.model.EnergyMeasure;

/** Reads {@code --energy-measure} values case-insensitively, refusing others with the allowed ones. */
public final class EnergyMeasureConverter extends SettingKeyConverter<EnergyMeasure> {
    /** Creates the converter; picocli instantiates it. */
    public EnergyMeasureConverter() {
        super(EnergyMeasure::fromKey);
    }
}
