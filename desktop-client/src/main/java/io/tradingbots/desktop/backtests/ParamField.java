package io.tradingbots.desktop.backtests;

import io.tradingbots.api.v1.ParamInfo;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One strategy parameter in the form: its value (starts at the default) and what is allowed. */
public final class ParamField {

    private final ParamInfo info;
    private final StringProperty value;

    ParamField(ParamInfo info) {
        this.info = info;
        this.value = new SimpleStringProperty(this, info.getName(), info.getDefaultValue());
    }

    public String name() {
        return info.getName();
    }

    public StringProperty valueProperty() {
        return value;
    }

    /** "default 10, 2..500", "one of sma-cross, scalp, momentum". */
    public String hint() {
        return info.getKind() == ParamInfo.Kind.KIND_CHOICE
                ? "one of " + String.join(", ", info.getChoicesList())
                : "default " + info.getDefaultValue() + ", " + info.getMin() + ".." + info.getMax();
    }

    public String description() {
        return info.getDescription();
    }

    /** Whether the user changed it: only changed values are sent (the engine fills in defaults). */
    boolean changed() {
        return !value.get().strip().equals(info.getDefaultValue());
    }
}
