package org.airgap.driver.modbus.internal;

import java.util.List;

import org.airgap.driver.api.Parameter;

/**
 * The four Modbus data areas the driver backs up, each with its job parameter, its table file, its read
 * function and the most one request may read (Modbus application protocol v1.1b3, 6.1 to 6.4).
 */
enum DataArea {
    COILS("coils", "coils", "coils.table", 1, 2000, true),
    DISCRETE_INPUTS("discreteInputs", "discrete inputs", "discrete-inputs.table", 2, 2000, true),
    HOLDING_REGISTERS("holdingRegisters", "holding registers", "holding-registers.table", 3, 125, false),
    INPUT_REGISTERS("inputRegisters", "input registers", "input-registers.table", 4, 125, false);

    /** The job parameter listing this area's ranges, parsed into disjoint ranges sorted by address. */
    final Parameter<List<AddressRange>> ranges;
    /** How technicians call the area, in messages. */
    final String label;
    /** The snapshot path of the area's table. */
    final String file;
    final int functionCode;
    /** Registers or bits one request may read. */
    final int maxPerRequest;
    final boolean bits;

    DataArea(String parameter, String label, String file, int functionCode, int maxPerRequest, boolean bits) {
        String title = Character.toUpperCase(label.charAt(0)) + label.substring(1);
        this.ranges = Parameter.list(parameter).label(title).description(title + " to back up (function "
                + functionCode + "): ranges of 0-based protocol addresses separated by commas, e.g. \"0-99, 200-299\", "
                + "or \"0-65535\" for all; empty for none. At least one range over all four areas.")
                .map(AddressRange::parse).build();
        this.label = label;
        this.file = file;
        this.functionCode = functionCode;
        this.maxPerRequest = maxPerRequest;
        this.bits = bits;
    }
}
