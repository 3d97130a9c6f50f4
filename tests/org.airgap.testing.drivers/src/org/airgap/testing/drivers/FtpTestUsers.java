package org.airgap.testing.drivers;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.usermanager.ClearTextPasswordEncryptor;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;

/** The users of a test FTP server (Apache MINA FtpServer) that serves a device folder, as a robot or PLC would. */
public final class FtpTestUsers {

    private FtpTestUsers() {
    }

    /**
     * One user who may read, not write, {@code home}. ftpserver does not export usermanager.impl (BaseUser):
     * the users come from a properties file, written to {@code usersFile}.
     */
    public static UserManager readOnlyUser(String user, String password, Path home, Path usersFile)
            throws IOException {
        Properties users = new Properties();
        String prefix = "ftpserver.user." + user + ".";
        users.setProperty(prefix + "userpassword", password);
        users.setProperty(prefix + "homedirectory", home.toString());
        users.setProperty(prefix + "enableflag", "true");
        users.setProperty(prefix + "writepermission", "false");
        users.setProperty(prefix + "maxloginnumber", "20");
        try (OutputStream out = Files.newOutputStream(usersFile)) {
            users.store(out, "FTP test users");
        }
        PropertiesUserManagerFactory factory = new PropertiesUserManagerFactory();
        factory.setFile(usersFile.toFile());
        factory.setPasswordEncryptor(new ClearTextPasswordEncryptor());
        return factory.createUserManager();
    }
}
