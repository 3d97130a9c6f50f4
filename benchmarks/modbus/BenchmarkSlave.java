import java.net.InetAddress;

import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;

/**
 * The simulated device of the Modbus benchmark: a j2mod Modbus TCP slave on 127.0.0.1:PORT, unit 1,
 * serving 65,536 holding registers with fixed values (register a holds (a * 7919 + 3) mod 65536), up to
 * 8 clients at once. Runs until killed; prints "ready" once it listens.
 */
public class BenchmarkSlave {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        SimpleProcessImage image = new SimpleProcessImage(1);
        for (int address = 0; address < 65536; address++) {
            image.addRegister(new SimpleRegister((address * 7919 + 3) & 0xFFFF));
        }
        ModbusSlave slave = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), port, 8, false);
        slave.addProcessImage(1, image);
        slave.open();
        System.out.println("ready");
        Thread.currentThread().join();
    }
}
