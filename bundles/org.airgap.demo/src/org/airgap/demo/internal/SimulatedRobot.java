package org.airgap.demo.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.usermanager.ClearTextPasswordEncryptor;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;

/**
 * A robot controller of the demo plant: an FTP server (Apache MINA FtpServer) on 127.0.0.1 that serves
 * a folder of robot programs. The files are real files in the demo folder: edit one and the next backup
 * of "Robot 1" is Different.
 */
public final class SimulatedRobot implements AutoCloseable {

    public static final String USER = "robot";
    public static final String PASSWORD = "robot";

    private final FtpServer server;
    private final int port;

    /** @throws IOException when the port is taken (the message names it) or the folder cannot be written */
    public SimulatedRobot(Path home, int port) throws IOException {
        if (!Files.isDirectory(home)) {
            writePrograms(home);
        }
        Properties users = new Properties();
        String prefix = "ftpserver.user." + USER + ".";
        users.setProperty(prefix + "userpassword", PASSWORD);
        users.setProperty(prefix + "homedirectory", home.toString());
        users.setProperty(prefix + "enableflag", "true");
        users.setProperty(prefix + "writepermission", "false");
        users.setProperty(prefix + "maxloginnumber", "20");
        Path usersFile = home.resolveSibling("robot1-ftp-users.properties");
        try (OutputStream out = Files.newOutputStream(usersFile)) {
            users.store(out, "FTP users of the demo robot");
        }
        PropertiesUserManagerFactory userManager = new PropertiesUserManagerFactory();
        userManager.setFile(usersFile.toFile());
        userManager.setPasswordEncryptor(new ClearTextPasswordEncryptor());
        ListenerFactory listener = new ListenerFactory();
        listener.setServerAddress("127.0.0.1");
        listener.setPort(port);
        FtpServerFactory factory = new FtpServerFactory();
        factory.setUserManager(userManager.createUserManager());
        factory.addListener("default", listener.createListener());
        server = factory.createServer();
        try {
            server.start();
        } catch (FtpException e) {
            throw new IOException("the demo robot cannot serve FTP on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        this.port = factory.getListener("default").getPort();
    }

    public int port() {
        return port;
    }

    private static void writePrograms(Path home) throws IOException {
        write(home.resolve("programs/MAIN.mod"), """
                MODULE MAIN
                  ! Pick and place cycle of cell 1
                  CONST robtarget pPick := [[600,0,200],[0,0,1,0],[0,0,0,0],[9E9,9E9,9E9,9E9,9E9,9E9]];
                  CONST robtarget pPlace := [[0,600,200],[0,0,1,0],[1,0,0,0],[9E9,9E9,9E9,9E9,9E9,9E9]];
                  PROC main()
                    MoveJ pPick, v1000, z50, tool0;
                    GripClose;
                    MoveL pPlace, v500, fine, tool0;
                    GripOpen;
                  ENDPROC
                ENDMODULE
                """);
        write(home.resolve("programs/WELD_SEAM.mod"), """
                MODULE WELD_SEAM
                  ! Seam 4 of part 7711, 12 mm/s
                  PROC weld()
                    ArcLStart pSeamStart, v100, seam1, weld1, fine, torch;
                    ArcLEnd pSeamEnd, v12, seam1, weld1, fine, torch;
                  ENDPROC
                ENDMODULE
                """);
        write(home.resolve("config/SYS.cfg"), """
                SYS:CFG_1.0:6:0::
                # Controller configuration of robot 1
                CAB_EXEC_HOOKS:
                      -Routine "GripOpen" -Shelf "POWER_ON"
                """);
        write(home.resolve("config/EIO.cfg"), """
                EIO:CFG_1.0:6:1::
                EIO_SIGNAL:
                      -Name "diGripClosed" -SignalType "DI" -Device "d652" -DeviceMap "0"
                      -Name "doGripClose" -SignalType "DO" -Device "d652" -DeviceMap "0"
                """);
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop();
    }
}
