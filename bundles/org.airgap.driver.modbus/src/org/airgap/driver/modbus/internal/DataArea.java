package org.airgap.driver.modbus.internal;

/**
 * The four Modbus data areas the driver backs up, each with its job parameter, its table file, its read
 * function and the most one request may read (Modbus application protocol v1.1b3, 6.1 to 6.4).
 */
enum DataArea {
    COILS("coils", "coils", "coils.table", 1, 2000, true),
    DISCRETE_INPUTS("discreteInputs", "discrete inputs", "discrete-inputs.table", 2, 2000, true),
    HOLDING_REGISTERS("holdingRegisters", "holding registers", "holding-registers.table", 3, 125, false),
    INPUT_REGISTERS("inputRegisters", "input registers", "input-registers.table", 4, 125, false);

    /** The job parameter listing this area's ranges. */
    final String parameter;
    /** How technicians call the area, in messages. */
    final String label;
    /** The snapshot path of the area's table. */
    final String file;
    final int functionCode;
    /** Registers or bits one request may read. */
    final int maxPerRequest;
    final boolean bits;

    DataArea(String parameter, String label, String file, int functionCode, int maxPerRequest, boolean bits) {
        this.parameter = parameter;
        this.label = label;
        this.file = file;
        this.functionCode = functionCode;
        this.maxPerRequest = maxPerRequest;
        this.bits = bits;
    }
}
