<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>core::Account</name>
    <message>
        <location filename="../src/core/Account.cpp" line="+184"/>
        <source>The account has no id.</source>
        <translation>Das Konto hat keine ID.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The account id &quot;%1&quot; may contain only lower-case letters a-z, digits, &quot;-&quot; and &quot;_&quot; (at most 64 characters).</source>
        <translation>Die Konto-ID „%1“ darf nur Kleinbuchstaben a–z, Ziffern, „-“ und „_“ enthalten (höchstens 64 Zeichen).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The IMAP server (host) is missing.</source>
        <translation>Der IMAP-Server (Host) fehlt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;%1&quot; is not a valid server name; enter the port in its own field.</source>
        <translation>„%1“ ist kein gültiger Servername; geben Sie den Port in seinem eigenen Feld ein.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../src/ui/AccountDialog.cpp" line="+673"/>
        <source>The port %1 is out of range (1 to 65535).</source>
        <translation>Der Port %1 liegt außerhalb des gültigen Bereichs (1 bis 65535).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The user name is missing (and there is no email address to use instead).</source>
        <translation>Der Benutzername fehlt (und es gibt keine E-Mail-Adresse, die stattdessen verwendet werden kann).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;%1&quot; is not an email address.</source>
        <translation>„%1“ ist keine E-Mail-Adresse.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No mailbox is selected; add at least one (usually INBOX).</source>
        <translation>Kein Ordner ausgewählt; fügen Sie mindestens einen hinzu (meist INBOX).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A mailbox name is empty or contains control characters.</source>
        <translation>Ein Ordnername ist leer oder enthält Steuerzeichen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The mailbox &quot;%1&quot; is listed twice.</source>
        <translation>Der Ordner „%1“ ist doppelt aufgeführt.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The password command has no program to run.</source>
        <translation>Der Passwortbefehl nennt kein Programm, das ausgeführt werden kann.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The CA certificate file &quot;%1&quot; must be given with its full path.</source>
        <translation>Die CA-Zertifikatsdatei „%1“ muss mit vollständigem Pfad angegeben werden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The CA certificate file &quot;%1&quot; does not exist or cannot be read.</source>
        <translation>Die CA-Zertifikatsdatei „%1“ existiert nicht oder kann nicht gelesen werden.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The pinned certificate fingerprint must be a SHA-256 fingerprint: 64 hexadecimal digits.</source>
        <translation>Der Fingerabdruck des festgelegten Zertifikats muss ein SHA-256-Fingerabdruck sein: 64 Hexadezimalziffern.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The IDLE refresh interval must be between %1 and %2 minutes.</source>
        <translation>Das Intervall zum Erneuern von IDLE muss zwischen %1 und %2 Minuten liegen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The polling interval must be between %1 and %2 minutes.</source>
        <translation>Das Abfrageintervall muss zwischen %1 und %2 Minuten liegen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The webmail address &quot;%1&quot; must be a full http:// or https:// address.</source>
        <translation>Die Webmail-Adresse „%1“ muss eine vollständige http://- oder https://-Adresse sein.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clicking a notification should open webmail, but no webmail address is set.</source>
        <translation>Ein Klick auf eine Benachrichtigung soll Webmail öffnen, aber es ist keine Webmail-Adresse eingetragen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Clicking a notification should run the mail client, but no mail client command is set.</source>
        <translation>Ein Klick auf eine Benachrichtigung soll das E-Mail-Programm starten, aber es ist kein Befehl dafür eingetragen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The color &quot;%1&quot; must look like #rrggbb.</source>
        <translation>Die Farbe „%1“ muss die Form #rrggbb haben.</translation>
    </message>
</context>
<context>
    <name>core::AccountStore</name>
    <message>
        <location filename="../src/core/AccountStore.cpp" line="+108"/>
        <source>%1: the value &quot;%2&quot; of &quot;%3&quot; is not valid; using %4 instead.</source>
        <translation>%1: Der Wert „%2“ von „%3“ ist ungültig; stattdessen wird %4 verwendet.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1: the value &quot;%2&quot; of &quot;%3&quot; is not valid (allowed: %4 to %5); using %6 instead.</source>
        <translation>%1: Der Wert „%2“ von „%3“ ist ungültig (erlaubt: %4 bis %5); stattdessen wird %6 verwendet.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Account &quot;%1&quot;</source>
        <translation>Konto „%1“</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: unknown key &quot;%2&quot; ignored.</source>
        <translation>%1: Unbekannter Schlüssel „%2“ wird ignoriert.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1: a mailbox is listed twice in &quot;%2&quot;; it is watched once.</source>
        <translation>%1: Ein Ordner ist in „%2“ doppelt aufgeführt; er wird nur einmal überwacht.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>no pinned certificate</source>
        <translation>kein festgelegtes Zertifikat</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>no webmail address</source>
        <translation>keine Webmail-Adresse</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>no color</source>
        <translation>keine Farbe</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+10"/>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>it cannot be read or written</source>
        <translation>sie kann nicht gelesen oder geschrieben werden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it is not a valid settings file</source>
        <translation>sie ist keine gültige Einstellungsdatei</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>it is not a readable file</source>
        <translation>sie ist keine lesbare Datei</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The settings file has a key &quot;%1&quot;: passwords do not belong in the settings file; use the keyring or passwordCommand. It is ignored and removed when settings are saved.</source>
        <translation>Die Einstellungsdatei enthält einen Schlüssel „%1“: Passwörter gehören nicht in die Einstellungsdatei; verwenden Sie den Schlüsselbund oder passwordCommand. Der Schlüssel wird ignoriert und beim Speichern der Einstellungen entfernt.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The settings file was written by a newer version of Idlebell; settings this version does not know are ignored.</source>
        <translation>Die Einstellungsdatei wurde von einer neueren Version von Idlebell geschrieben; Einstellungen, die diese Version nicht kennt, werden ignoriert.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The settings group &quot;%1&quot; is ignored: an account id may contain only lower-case letters a-z, digits, &quot;-&quot; and &quot;_&quot;.</source>
        <translation>Die Einstellungsgruppe „%1“ wird ignoriert: Eine Konto-ID darf nur Kleinbuchstaben a–z, Ziffern, „-“ und „_“ enthalten.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The settings file %1 cannot be used (%2). Idlebell starts with default settings. The file is left as it is; before settings are saved it is moved to %3.</source>
        <translation>Die Einstellungsdatei %1 kann nicht verwendet werden (%2). Idlebell startet mit den Standardeinstellungen. Die Datei bleibt unverändert; bevor Einstellungen gespeichert werden, wird sie nach %3 verschoben.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The account id &quot;%1&quot; is not valid.</source>
        <translation>Die Konto-ID „%1“ ist ungültig.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Two accounts have the id &quot;%1&quot;.</source>
        <translation>Zwei Konten haben die ID „%1“.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The settings file %1 could not be read and could not be moved aside to %2; settings are not saved, so that it is not overwritten.</source>
        <translation>Die Einstellungsdatei %1 konnte weder gelesen noch nach %2 verschoben werden; Einstellungen werden nicht gespeichert, damit sie nicht überschrieben wird.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 is not a file.</source>
        <translation>%1 ist keine Datei.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The folder %1 could not be created.</source>
        <translation>Der Ordner %1 konnte nicht angelegt werden.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The settings file %1 cannot be used (%2); settings are not saved. Save again to move it aside to %3.</source>
        <translation>Die Einstellungsdatei %1 kann nicht verwendet werden (%2); Einstellungen werden nicht gespeichert. Speichern Sie erneut, um sie nach %3 zu verschieben.</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>The settings could not be written to %1 (%2).</source>
        <translation>Die Einstellungen konnten nicht in %1 geschrieben werden (%2).</translation>
    </message>
</context>
<context>
    <name>core::Monitor</name>
    <message>
        <location filename="../src/core/Monitor.cpp" line="+295"/>
        <source>The account is not connected</source>
        <translation>Das Konto ist nicht verbunden</translation>
    </message>
</context>
<context>
    <name>core::Preferences</name>
    <message>
        <location filename="../src/core/Preferences.cpp" line="+18"/>
        <source>The quiet hours need a valid start and end time.</source>
        <translation>Die Ruhezeit braucht eine gültige Anfangs- und Endzeit.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The quiet hours start and end at the same time.</source>
        <translation>Die Ruhezeit beginnt und endet zur selben Uhrzeit.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The number of messages shown one by one must be between %1 and %2.</source>
        <translation>Die Zahl der einzeln angezeigten Nachrichten muss zwischen %1 und %2 liegen.</translation>
    </message>
</context>
<context>
    <name>core::SecretStore</name>
    <message>
        <location filename="../src/core/SecretStore.cpp" line="+49"/>
        <source>no details</source>
        <translation>keine Details</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No password is stored in the keyring for this account. Enter it in the account settings.</source>
        <translation>Für dieses Konto ist kein Passwort im Schlüsselbund gespeichert. Geben Sie es in den Kontoeinstellungen ein.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Access to the keyring was denied (%1). Unlock the keyring and try again.</source>
        <translation>Der Zugriff auf den Schlüsselbund wurde verweigert (%1). Entsperren Sie den Schlüsselbund und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+10"/>
        <source>The password could not be removed from the keyring (%1).</source>
        <translation>Das Passwort konnte nicht aus dem Schlüsselbund entfernt werden (%1).</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>The keyring could not be read (%1).</source>
        <translation>Der Schlüsselbund konnte nicht gelesen werden (%1).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The password could not be stored in the keyring (%1).</source>
        <translation>Das Passwort konnte nicht im Schlüsselbund gespeichert werden (%1).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No keyring service is available (%1). Start a Secret Service such as GNOME Keyring or KWallet, set a password command for the account, or keep the password for this run only.</source>
        <translation>Kein Schlüsselbund-Dienst verfügbar (%1). Starten Sie einen Secret Service wie GNOME Keyring oder KWallet, legen Sie für das Konto einen Passwortbefehl fest oder behalten Sie das Passwort nur für diese Sitzung.</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>The password command has no program to run.</source>
        <translation>Der Passwortbefehl nennt kein Programm, das ausgeführt werden kann.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>The password command &quot;%1&quot; could not be started (%2).</source>
        <translation>Der Passwortbefehl „%1“ konnte nicht gestartet werden (%2).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The password command &quot;%1&quot; did not finish within %2 seconds and was stopped.</source>
        <translation>Der Passwortbefehl „%1“ wurde nicht innerhalb von %2 Sekunden fertig und wurde beendet.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>(output withheld: it contains what the command printed as the password)</source>
        <translation>(Ausgabe zurückgehalten: Sie enthält, was der Befehl als Passwort ausgegeben hat)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The password command &quot;%1&quot; crashed%2</source>
        <translation>Der Passwortbefehl „%1“ ist abgestürzt%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The password command &quot;%1&quot; failed with exit code %2%3</source>
        <translation>Der Passwortbefehl „%1“ ist mit dem Exit-Code %2 fehlgeschlagen%3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The password command &quot;%1&quot; printed no password%2</source>
        <translation>Der Passwortbefehl „%1“ hat kein Passwort ausgegeben%2</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The password stored in the keyring for this account is empty.</source>
        <translation>Das für dieses Konto im Schlüsselbund gespeicherte Passwort ist leer.</translation>
    </message>
</context>
<context>
    <name>core::StateStore</name>
    <message>
        <location filename="../src/core/StateStore.cpp" line="+99"/>
        <source>it is not a file</source>
        <translation>keine Datei</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+8"/>
        <source>it is larger than %1 MiB</source>
        <translation>größer als %1 MiB</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>it cannot be read: %1</source>
        <translation>nicht lesbar: %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The saved mail state %1 could not be used (%2). It was moved to %3 and Idlebell starts with no saved state.</source>
        <translation>Der gespeicherte E-Mail-Status %1 konnte nicht verwendet werden (%2). Er wurde nach %3 verschoben und Idlebell startet ohne gespeicherten Status.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The saved mail state %1 could not be used (%2), nor moved aside. Idlebell starts with no saved state.</source>
        <translation>Der gespeicherte E-Mail-Status %1 konnte weder verwendet (%2) noch verschoben werden. Idlebell startet ohne gespeicherten Status.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>it is not valid JSON: %1 at offset %2</source>
        <translation>kein gültiges JSON: %1 an Position %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>it is not a JSON object</source>
        <translation>kein JSON-Objekt</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>it was written by a newer version of Idlebell</source>
        <translation>von einer neueren Version von Idlebell geschrieben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it has no valid &quot;version&quot;</source>
        <translation>keine gültige „version“</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&quot;accounts&quot; is not an object</source>
        <translation>„accounts“ ist kein Objekt</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the account &quot;%1&quot; is not an object</source>
        <translation>das Konto „%1“ ist kein Objekt</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&quot;mailboxes&quot; of the account &quot;%1&quot; is not an object</source>
        <translation>„mailboxes“ des Kontos „%1“ ist kein Objekt</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>the state of mailbox &quot;%1&quot; of the account &quot;%2&quot; is not valid</source>
        <translation>der Status des Ordners „%1“ im Konto „%2“ ist ungültig</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&quot;recentMessageIds&quot; of the account &quot;%1&quot; is not a list</source>
        <translation>„recentMessageIds“ des Kontos „%1“ ist keine Liste</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&quot;recentMessageIds&quot; of the account &quot;%1&quot; holds something that is not text</source>
        <translation>„recentMessageIds“ des Kontos „%1“ enthält etwas, das kein Text ist</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>The folder %1 could not be created.</source>
        <translation>Der Ordner %1 konnte nicht angelegt werden.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The mail state could not be saved to %1: %2</source>
        <translation>Der E-Mail-Status konnte nicht in %1 gespeichert werden: %2</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="+72"/>
        <source>Tells you the moment new mail arrives, using IMAP IDLE.</source>
        <translation>Meldet neue E-Mails, sobald sie ankommen, mit IMAP IDLE.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No tray and no windows: print one JSON object per event on stdout.</source>
        <translation>Kein Symbol im Systembereich, keine Fenster: ein JSON-Objekt pro Ereignis auf stdout ausgeben.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use this settings file instead of %1.</source>
        <translation>Diese Einstellungsdatei statt %1 verwenden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+7"/>
        <source>FILE</source>
        <translation>DATEI</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Keep what was already notified in this file (default: next to --config, else %1).</source>
        <translation>Bereits Gemeldetes in dieser Datei festhalten (Standard: neben --config, sonst %1).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Check every account at once.</source>
        <translation>Alle Konten sofort abfragen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the settings dialog.</source>
        <translation>Den Einstellungsdialog öffnen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Log what the sessions do on stderr (never passwords).</source>
        <translation>Auf stderr protokollieren, was die Sitzungen tun (niemals Passwörter).</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>No enabled account in %1; see the README to add one.</source>
        <translation>Kein aktiviertes Konto in %1; wie Sie eines hinzufügen, steht in der README.</translation>
    </message>
</context>
<context>
    <name>session::ConnectionProbe</name>
    <message>
        <location filename="../src/session/ConnectionProbe.cpp" line="+59"/>
        <source>Listing folders</source>
        <translation>Ordner werden aufgelistet</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>LIST</source>
        <translation>LIST</translation>
    </message>
</context>
<context>
    <name>session::ImapConnection</name>
    <message>
        <location filename="../src/session/ImapConnection.cpp" line="+94"/>
        <source>No server host name or port is set for this account</source>
        <translation>Für dieses Konto ist kein Servername oder Port eingetragen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Connecting to %1:%2</source>
        <translation>Verbindung zu %1:%2 wird hergestellt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>connecting to the server</source>
        <translation>den Verbindungsaufbau zum Server</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>the server&apos;s greeting</source>
        <translation>die Begrüßung des Servers</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+341"/>
        <location line="+100"/>
        <source>CAPABILITY</source>
        <translation>CAPABILITY</translation>
    </message>
    <message>
        <location line="-424"/>
        <source>The server sent unencrypted data after accepting STARTTLS; this is how STARTTLS injection attacks work. Connection refused.</source>
        <translation>Der Server hat nach dem Annehmen von STARTTLS unverschlüsselte Daten gesendet; so funktionieren STARTTLS-Injection-Angriffe. Verbindung abgelehnt.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The server sent data that is not valid IMAP (%1)</source>
        <translation>Der Server hat Daten gesendet, die kein gültiges IMAP sind (%1)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The server sent more data right after accepting STARTTLS; this is how STARTTLS injection attacks work. Connection refused.</source>
        <translation>Der Server hat direkt nach dem Annehmen von STARTTLS weitere Daten gesendet; so funktionieren STARTTLS-Injection-Angriffe. Verbindung abgelehnt.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the TLS handshake</source>
        <translation>den TLS-Handshake</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The server closed the connection</source>
        <translation>Der Server hat die Verbindung geschlossen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server closed the connection: %1</source>
        <translation>Der Server hat die Verbindung geschlossen: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server closed the connection before greeting</source>
        <translation>Der Server hat die Verbindung vor der Begrüßung geschlossen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The connection to the server was lost</source>
        <translation>Die Verbindung zum Server ist abgebrochen</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>No answer from the server while waiting for %1; the connection seems dead</source>
        <translation>Keine Antwort vom Server beim Warten auf %1; die Verbindung scheint unterbrochen</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>The server answered a command that was not sent (tag %1)</source>
        <translation>Der Server hat auf einen Befehl geantwortet, der nicht gesendet wurde (Tag %1)</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The server did not send an IMAP greeting</source>
        <translation>Der Server hat keine IMAP-Begrüßung gesendet</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The server greeted with PREAUTH before TLS, so STARTTLS is impossible; refusing to continue in plaintext</source>
        <translation>Der Server hat vor TLS mit PREAUTH begrüßt, daher ist STARTTLS unmöglich; unverschlüsselt wird nicht fortgefahren</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The server refused the connection: %1</source>
        <translation>Der Server hat die Verbindung abgelehnt: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server refused the connection</source>
        <translation>Der Server hat die Verbindung abgelehnt</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The server sent an unexpected greeting</source>
        <translation>Der Server hat eine unerwartete Begrüßung gesendet</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>The server sent an unexpected continuation request</source>
        <translation>Der Server hat eine unerwartete Fortsetzungsanforderung gesendet</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>the answer to %1</source>
        <translation>die Antwort auf %1</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The server did not list its capabilities</source>
        <translation>Der Server hat seine Fähigkeiten (CAPABILITY) nicht aufgelistet</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The server does not offer STARTTLS, so the connection cannot be encrypted; refusing to log in in plaintext</source>
        <translation>Der Server bietet kein STARTTLS an, die Verbindung kann also nicht verschlüsselt werden; unverschlüsselt wird keine Anmeldung versucht</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The server refused STARTTLS; refusing to log in in plaintext</source>
        <translation>Der Server hat STARTTLS abgelehnt; unverschlüsselt wird keine Anmeldung versucht</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Logging in as %1</source>
        <translation>Anmeldung als %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Refusing to send credentials over an unencrypted connection</source>
        <translation>Zugangsdaten werden nicht über eine unverschlüsselte Verbindung gesendet</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No password is available for this account</source>
        <translation>Für dieses Konto ist kein Passwort verfügbar</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The server offers no login method Idlebell supports (LOGINDISABLED and no AUTH=PLAIN)</source>
        <translation>Der Server bietet keine Anmeldemethode an, die Idlebell unterstützt (LOGINDISABLED und kein AUTH=PLAIN)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The server cannot log in now: %1</source>
        <translation>Der Server kann die Anmeldung gerade nicht durchführen: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server refused the login for %1: %2</source>
        <translation>Der Server hat die Anmeldung für %1 abgelehnt: %2</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The server could not run %1: %2</source>
        <translation>Der Server konnte %1 nicht ausführen: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server rejected %1: %2</source>
        <translation>Der Server hat %1 zurückgewiesen: %2</translation>
    </message>
</context>
<context>
    <name>session::ImapSession</name>
    <message>
        <location filename="../src/session/ImapSession.cpp" line="+266"/>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <location line="+279"/>
        <source>Opening %1</source>
        <translation>%1 wird geöffnet</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>EXAMINE</source>
        <translation>EXAMINE</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The mailbox &quot;%1&quot; cannot be opened: %2</source>
        <translation>Der Ordner „%1“ kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>The server did not send the mailbox&apos;s UIDVALIDITY</source>
        <translation type="vanished">Der Server hat die UIDVALIDITY des Ordners nicht gesendet</translation>
    </message>
    <message>
        <location line="+98"/>
        <location line="+50"/>
        <location line="+95"/>
        <source>UID FETCH</source>
        <translation>UID FETCH</translation>
    </message>
    <message>
        <location line="-309"/>
        <source>Checking %1</source>
        <translation>%1 wird geprüft</translation>
    </message>
    <message>
        <location line="-422"/>
        <source>NOOP</source>
        <translation>NOOP</translation>
    </message>
    <message>
        <location line="+472"/>
        <source>The server did not send the UIDVALIDITY of %1</source>
        <translation>Der Server hat die UIDVALIDITY von %1 nicht gesendet</translation>
    </message>
    <message>
        <location line="+295"/>
        <source>UID SEARCH</source>
        <translation>UID SEARCH</translation>
    </message>
    <message>
        <location line="+188"/>
        <location line="+38"/>
        <source>Waiting for new mail (NOTIFY)</source>
        <translation>Warten auf neue E-Mails (NOTIFY)</translation>
    </message>
    <message numerus="yes">
        <location line="+31"/>
        <source>The server refused IDLE; checking every %n second(s)</source>
        <translation>
            <numerusform>Der Server hat IDLE abgelehnt; Abfrage im Abstand von %n Sekunde</numerusform>
            <numerusform>Der Server hat IDLE abgelehnt; Abfrage alle %n Sekunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Checking every %n second(s)</source>
        <translation>
            <numerusform>Abfrage im Abstand von %n Sekunde</numerusform>
            <numerusform>Abfrage alle %n Sekunden</numerusform>
        </translation>
    </message>
    <message>
        <location line="-45"/>
        <source>IDLE</source>
        <translation>IDLE</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Waiting for new mail (IDLE)</source>
        <translation>Warten auf neue E-Mails (IDLE)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>the answer to DONE</source>
        <translation>die Antwort auf DONE</translation>
    </message>
</context>
<context>
    <name>session::MailboxWriter</name>
    <message>
        <location filename="../src/session/MailboxWriter.cpp" line="+22"/>
        <source>SELECT</source>
        <translation>SELECT</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The folder %1 was renumbered by the server; nothing was changed</source>
        <translation>Der Ordner %1 wurde vom Server neu nummeriert; nichts wurde geändert</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>UID STORE</source>
        <translation>UID STORE</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Nothing to mark as read</source>
        <translation>Nichts als gelesen zu markieren</translation>
    </message>
</context>
<context>
    <name>session::SslTransport</name>
    <message>
        <location filename="../src/session/SslTransport.cpp" line="+83"/>
        <source>The server&apos;s certificate changed: it is not the one pinned for this account (%1). Certificate SHA-256 fingerprint: %2</source>
        <translation>Das Zertifikat des Servers hat sich geändert: Es ist nicht das für dieses Konto festgelegte (%1). SHA-256-Fingerabdruck des Zertifikats: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server&apos;s certificate is not trusted: %1. Certificate SHA-256 fingerprint: %2</source>
        <translation>Dem Zertifikat des Servers wird nicht vertraut: %1. SHA-256-Fingerabdruck des Zertifikats: %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The host name %1 could not be resolved</source>
        <translation>Der Hostname %1 konnte nicht aufgelöst werden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The connection to %1 was refused</source>
        <translation>Die Verbindung zu %1 wurde abgelehnt</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The TLS handshake with %1 failed: %2</source>
        <translation>Der TLS-Handshake mit %1 ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Network error talking to %1: %2</source>
        <translation>Netzwerkfehler bei der Verbindung mit %1: %2</translation>
    </message>
</context>
<context>
    <name>ui::AccountDialog</name>
    <message>
        <location filename="../src/ui/AccountDialog.cpp" line="-611"/>
        <source>junk mail</source>
        <translation>Spam</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>trash</source>
        <translation>Papierkorb</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>sent mail</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>drafts</source>
        <translation>Entwürfe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>archive</source>
        <translation>Archiv</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>all mail</source>
        <translation>Alle Nachrichten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>flagged mail</source>
        <translation>Markierte Nachrichten</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Could not connect.</source>
        <translation>Keine Verbindung möglich.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server did not answer.</source>
        <translation>Der Server hat nicht geantwortet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The secure connection failed.</source>
        <translation>Die sichere Verbindung ist fehlgeschlagen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server&apos;s certificate is not trusted.</source>
        <translation>Dem Zertifikat des Servers wird nicht vertraut.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The connection is not safe.</source>
        <translation>Die Verbindung ist nicht sicher.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Login refused.</source>
        <translation>Anmeldung abgelehnt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server answered in a way Idlebell does not understand.</source>
        <translation>Der Server hat in einer Weise geantwortet, die Idlebell nicht versteht.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server is not available now.</source>
        <translation>Der Server ist gerade nicht verfügbar.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The folder cannot be opened.</source>
        <translation>Der Ordner kann nicht geöffnet werden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>These settings cannot work.</source>
        <translation>Mit diesen Einstellungen kann es nicht funktionieren.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The test failed.</source>
        <translation>Der Test ist fehlgeschlagen.</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Add Mail Account</source>
        <translation>E-Mail-Konto hinzufügen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit Mail Account: %1</source>
        <translation>E-Mail-Konto bearbeiten: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Account</source>
        <translation>&amp;Konto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Folders</source>
        <translation>&amp;Ordner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New Mail</source>
        <translation>Neue E-&amp;Mails</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ad&amp;vanced</source>
        <translation>E&amp;rweitert</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+799"/>
        <location line="+128"/>
        <source>&amp;Test Connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <location line="-916"/>
        <source>Check the settings with the server before you save them.</source>
        <translation>Die Einstellungen mit dem Server prüfen, bevor Sie sie speichern.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Certificate SHA-256 fingerprint:</source>
        <translation>SHA-256-Fingerabdruck des Zertifikats:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Compare it with the fingerprint your mail provider or server administrator publishes (on their website, or ask them) before you trust it. If the two differ, do not trust it: someone may be intercepting the connection.</source>
        <translation>Vergleichen Sie ihn mit dem Fingerabdruck, den Ihr E-Mail-Anbieter oder Serveradministrator veröffentlicht (auf der Website, oder fragen Sie nach), bevor Sie dem Zertifikat vertrauen. Wenn beide verschieden sind, vertrauen Sie ihm nicht: Jemand könnte die Verbindung abhören.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>T&amp;rust This Certificate</source>
        <translation>D&amp;iesem Zertifikat vertrauen</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>e.g. Work</source>
        <translation>z. B. Arbeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>you@example.org</source>
        <translation>sie@example.org</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Email address:</source>
        <translation>&amp;E-Mail-Adresse:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>imap.example.org</source>
        <translation>imap.example.org</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Leave empty to use the usual port for the security setting.</source>
        <translation>Leer lassen, um den üblichen Port für die gewählte Sicherheit zu verwenden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>IMAP &amp;server:</source>
        <translation>IMAP-&amp;Server:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>SSL/TLS (recommended)</source>
        <translation>SSL/TLS (empfohlen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None (unencrypted)</source>
        <translation>Keine (unverschlüsselt)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;ecurity:</source>
        <translation>Si&amp;cherheit:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The password and your mail travel unencrypted: anyone on the network path can read them.</source>
        <translation>Passwort und E-Mails werden unverschlüsselt übertragen: Jeder auf dem Netzwerkweg kann sie mitlesen.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;User name:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stored in the system keyring, never in the settings file.</source>
        <translation>Wird im Schlüsselbund des Systems gespeichert, nie in der Einstellungsdatei.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Folders to &amp;watch for new mail:</source>
        <translation>Auf neue E-Mails &amp;überwachte Ordner:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Junk, Trash, Sent, Drafts, Archive and All Mail are not watched unless you check them. Each watched folder uses one connection to the server.</source>
        <translation>Spam, Papierkorb, Gesendet, Entwürfe, Archiv und Alle Nachrichten werden nur überwacht, wenn Sie sie ankreuzen. Jeder überwachte Ordner belegt eine Verbindung zum Server.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Load Folders from Server</source>
        <translation>Ordner vom Server &amp;laden</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Folder name, e.g. Lists/Qt</source>
        <translation>Ordnername, z. B. Listen/Qt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A&amp;dd</source>
        <translation>Hin&amp;zufügen</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Push: the server reports new mail at once (IDLE)</source>
        <translation>Push: Server meldet neue E-Mails sofort (IDLE)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check at an interval (polling)</source>
        <translation>In festen Abständen abfragen (Polling)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;How:</source>
        <translation>&amp;Art:</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+8"/>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Idlebell renews the push request this often, which also detects a dead connection. Servers end a push request after 30 minutes at the latest.</source>
        <translation>So oft erneuert Idlebell die Push-Anfrage; so fällt auch eine unterbrochene Verbindung auf. Server beenden eine Push-Anfrage spätestens nach 30 Minuten.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Renew push every:</source>
        <translation>Push &amp;erneuern alle:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Chec&amp;k every:</source>
        <translation>&amp;Prüfen alle:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open webmail</source>
        <translation>Webmail öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start the mail client</source>
        <translation>E-Mail-Programm starten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing</source>
        <translation>Nichts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Clicking a notification:</source>
        <translation>Klick auf &amp;Benachrichtigung:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>https://mail.example.org/</source>
        <translation>https://mail.example.org/</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Webmail address:</source>
        <translation>&amp;Webmail-Adresse:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. thunderbird</source>
        <translation>z. B. thunderbird</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A program and its arguments; it is started without a shell.</source>
        <translation>Ein Programm mit seinen Argumenten; es wird ohne Shell gestartet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Mail client command:</source>
        <translation>E-Mail-Pro&amp;gramm:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No Colo&amp;r</source>
        <translation>Kei&amp;ne Farbe</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Co&amp;lor:</source>
        <translation>&amp;Farbe:</translation>
    </message>
    <message>
        <location line="+404"/>
        <source>Account Color</source>
        <translation>Kontofarbe</translation>
    </message>
    <message>
        <location line="-401"/>
        <source>Marks this account in the settings and the tray menu.</source>
        <translation>Kennzeichnet dieses Konto in den Einstellungen und im Menü des Systembereichs.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>e.g. pass show mail/work</source>
        <translation>z. B. pass show mail/arbeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password &amp;command:</source>
        <translation>Pass&amp;wortbefehl:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Optional. Idlebell runs it without a shell and uses the first line it prints as the password, instead of the keyring.</source>
        <translation>Optional. Idlebell führt ihn ohne Shell aus und verwendet statt des Schlüsselbunds die erste ausgegebene Zeile als Passwort.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>None: the system&apos;s certificate authorities</source>
        <translation>Keines: die Zertifizierungsstellen des Systems</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>E&amp;xtra CA certificate:</source>
        <translation>&amp;Zusätzliches CA-Zertifikat:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A PEM file with the certificate authority of a self-hosted server, trusted for this account besides the system&apos;s.</source>
        <translation>Eine PEM-Datei mit der Zertifizierungsstelle eines selbst betriebenen Servers; ihr wird für dieses Konto zusätzlich zu denen des Systems vertraut.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>None</source>
        <translation>Keines</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Forget</source>
        <translation>Ver&amp;gessen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Trusted certificate:</source>
        <translation>&amp;Vertrautes Zertifikat:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The SHA-256 fingerprint of a certificate you trusted with &quot;Test Connection&quot;. Only exactly this certificate is accepted.</source>
        <translation>Der SHA-256-Fingerabdruck eines Zertifikats, dem Sie mit „Verbindung testen“ vertraut haben. Nur genau dieses Zertifikat wird akzeptiert.</translation>
    </message>
    <message>
        <location line="+134"/>
        <source>The port &quot;%1&quot; is not a number from 1 to 65535. Leave it empty to use %2.</source>
        <translation>Der Port „%1“ ist keine Zahl von 1 bis 65535. Lassen Sie das Feld leer, um %2 zu verwenden.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Enter the password (or set a password command under Advanced).</source>
        <translation>Geben Sie das Passwort ein (oder legen Sie unter „Erweitert“ einen Passwortbefehl fest).</translation>
    </message>
    <message>
        <location line="+124"/>
        <source>Your login name</source>
        <translation>Ihr Anmeldename</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not needed: the password command gives it</source>
        <translation>Nicht nötig: Der Passwortbefehl liefert es</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Leave empty to keep the stored password</source>
        <translation>Leer lassen, um das gespeicherte Passwort zu behalten</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>If the server cannot push new mail, Idlebell checks every minute.</source>
        <translation>Wenn der Server neue E-Mails nicht per Push melden kann, prüft Idlebell jede Minute.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>If the server cannot push new mail, Idlebell checks every %n minutes.</source>
        <translation>
            <numerusform>Wenn der Server neue E-Mails nicht per Push melden kann, prüft Idlebell im Abstand von %n Minute.</numerusform>
            <numerusform>Wenn der Server neue E-Mails nicht per Push melden kann, prüft Idlebell alle %n Minuten.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mail arrives late by up to the interval. Push is better when the server offers it.</source>
        <translation>E-Mails kommen bis zu einem Intervall verspätet an. Push ist besser, wenn der Server es anbietet.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Extra CA Certificate</source>
        <translation>Zusätzliches CA-Zertifikat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Zertifikate (*.pem *.crt *.cer);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A special folder for %1: not watched unless you check it.</source>
        <translation>Ein Spezialordner (%1): wird nur überwacht, wenn Sie ihn ankreuzen.</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>%1 (not found on the server)</source>
        <translation>%1 (auf dem Server nicht gefunden)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server did not list this folder.</source>
        <translation>Der Server hat diesen Ordner nicht aufgelistet.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>S&amp;top Test</source>
        <translation>Test an&amp;halten</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Testing…</source>
        <translation>Test läuft…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Fix the settings below first.</source>
        <translation>Korrigieren Sie zuerst die Einstellungen unten.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Reading the password from the keyring…</source>
        <translation>Passwort wird aus dem Schlüsselbund gelesen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Running the password command…</source>
        <translation>Passwortbefehl wird ausgeführt…</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Connecting to %1…</source>
        <translation>Verbindung zu %1 wird hergestellt…</translation>
    </message>
    <message>
        <location line="+27"/>
        <location line="+5"/>
        <source>The test was stopped.</source>
        <translation>Der Test wurde angehalten.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Connected. The server pushes new mail (IDLE).</source>
        <translation>Verbunden. Der Server meldet neue E-Mails per Push (IDLE).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This account is set to check every minute instead.</source>
        <translation>Dieses Konto ist stattdessen auf Abfrage jede Minute eingestellt.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>This account is set to check every %n minutes instead.</source>
        <translation>
            <numerusform>Dieses Konto ist stattdessen auf Abfrage im Abstand von %n Minute eingestellt.</numerusform>
            <numerusform>Dieses Konto ist stattdessen auf Abfrage alle %n Minuten eingestellt.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connected, but the server cannot push new mail: Idlebell will check every minute.</source>
        <translation>Verbunden, aber der Server kann neue E-Mails nicht per Push melden: Idlebell prüft jede Minute.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Connected, but the server cannot push new mail: Idlebell will check every %n minutes.</source>
        <translation>
            <numerusform>Verbunden, aber der Server kann neue E-Mails nicht per Push melden: Idlebell prüft im Abstand von %n Minute.</numerusform>
            <numerusform>Verbunden, aber der Server kann neue E-Mails nicht per Push melden: Idlebell prüft alle %n Minuten.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>It has 1 folder.</source>
        <translation>Es gibt 1 Ordner.</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>It has %n folders.</source>
        <translation>
            <numerusform>Es gibt %n Ordner.</numerusform>
            <numerusform>Es gibt %n Ordner.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::Autostart</name>
    <message>
        <location filename="../src/ui/Autostart.cpp" line="+115"/>
        <source>Tells you the moment new mail arrives</source>
        <translation>Meldet neue E-Mails, sobald sie ankommen</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The autostart entry %1 could not be removed (%2).</source>
        <translation>Der Autostart-Eintrag %1 konnte nicht entfernt werden (%2).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The autostart folder %1 could not be created.</source>
        <translation>Der Autostart-Ordner %1 konnte nicht angelegt werden.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The autostart entry %1 could not be written (%2).</source>
        <translation>Der Autostart-Eintrag %1 konnte nicht geschrieben werden (%2).</translation>
    </message>
</context>
<context>
    <name>ui::ClickAction</name>
    <message>
        <location filename="../src/ui/ClickAction.cpp" line="+20"/>
        <source>No webmail address is set for %1.</source>
        <translation>Für %1 ist keine Webmail-Adresse eingetragen.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>“%1” is not a web address (only http and https are opened).</source>
        <translation>„%1“ ist keine Webadresse (nur http und https werden geöffnet).</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No mail program is set.</source>
        <translation>Es ist kein E-Mail-Programm eingetragen.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Nothing</source>
        <translation>Nichts</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open %1</source>
        <translation>%1 öffnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run %1</source>
        <translation>%1 ausführen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Nothing to open.</source>
        <translation>Nichts zu öffnen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The desktop could not open %1.</source>
        <translation>Der Desktop konnte %1 nicht öffnen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Could not start “%1”.</source>
        <translation>„%1“ konnte nicht gestartet werden.</translation>
    </message>
</context>
<context>
    <name>ui::DesktopController</name>
    <message>
        <location filename="../src/ui/DesktopController.cpp" line="+374"/>
        <source>%1 (while muted)</source>
        <translation>%1 (während der Stummschaltung)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 (during quiet hours)</source>
        <translation>%1 (während der Ruhezeit)</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>%1: the server&apos;s certificate is not trusted</source>
        <translation>%1: Dem Zertifikat des Servers wird nicht vertraut</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Idlebell did not connect. Open Settings, edit the account and use Test connection to check the certificate&apos;s fingerprint and trust it if it is right.</source>
        <translation>Idlebell hat keine Verbindung hergestellt. Öffnen Sie die Einstellungen, bearbeiten Sie das Konto und prüfen Sie mit „Verbindung testen“ den Fingerabdruck des Zertifikats; vertrauen Sie ihm, wenn er stimmt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+43"/>
        <source>Open Settings</source>
        <translation>Einstellungen öffnen</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>%1: could not mark as read</source>
        <translation>%1: Als gelesen markieren fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Message from the %1 server</source>
        <translation>Meldung vom Server des Kontos %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1: could not open your mail</source>
        <translation>%1: Ihre E-Mails konnten nicht geöffnet werden</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>About Idlebell</source>
        <translation>Über Idlebell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;Idlebell %1&lt;/h3&gt;&lt;p&gt;Tells you the moment new mail arrives: one IMAP connection per account, kept open with IDLE, so the server pushes new mail to it.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Idlebell %1&lt;/h3&gt;&lt;p&gt;Meldet neue E-Mails, sobald sie ankommen: eine IMAP-Verbindung pro Konto, mit IDLE offen gehalten, sodass der Server neue E-Mails sofort meldet.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>ui::Notifier</name>
    <message>
        <location filename="../src/ui/Notifier.cpp" line="+453"/>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mark as read</source>
        <translation>Als gelesen markieren</translation>
    </message>
    <message>
        <location line="+205"/>
        <source>Unknown sender</source>
        <translation>Unbekannter Absender</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(no subject)</source>
        <translation>(kein Betreff)</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+6"/>
        <source>New message</source>
        <translation>Neue Nachricht</translation>
    </message>
    <message numerus="yes">
        <location line="-5"/>
        <location line="+5"/>
        <source>%n new messages</source>
        <translation>
            <numerusform>%n neue Nachricht</numerusform>
            <numerusform>%n neue Nachrichten</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 new message in %1</source>
        <translation>1 neue Nachricht in %1</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n new messages in %1</source>
        <translation>
            <numerusform>%n neue Nachricht in %1</numerusform>
            <numerusform>%n neue Nachrichten in %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>and %n more</source>
        <translation>
            <numerusform>und %n weitere</numerusform>
            <numerusform>und %n weitere</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::SettingsDialog</name>
    <message>
        <location filename="../src/ui/SettingsDialog.cpp" line="+77"/>
        <source>Idlebell Settings</source>
        <translation>Idlebell-Einstellungen</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>&amp;Accounts</source>
        <translation>&amp;Konten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;General</source>
        <translation>&amp;Allgemein</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Email address</source>
        <translation>E-Mail-Adresse</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Uncheck an account to stop watching it without removing it.</source>
        <translation>Entfernen Sie das Häkchen bei einem Konto, um es nicht mehr zu überwachen, ohne es zu löschen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A&amp;dd…</source>
        <translation>&amp;Hinzufügen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+288"/>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <location line="-283"/>
        <source>No account yet. Add your mail account to be told the moment new mail arrives.</source>
        <translation>Noch kein Konto. Fügen Sie Ihr E-Mail-Konto hinzu, um neue E-Mails zu sehen, sobald sie ankommen.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Checked accounts are watched. Passwords are kept in the system keyring.</source>
        <translation>Angekreuzte Konten werden überwacht. Passwörter liegen im Schlüsselbund des Systems.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Notifications</source>
        <translation>Benachrichtigungen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show a &amp;notification for new mail</source>
        <translation>Bei neuen E-Mails eine Benachrichtigung an&amp;zeigen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Hide sender and subject in notifications (privacy)</source>
        <translation>Absender und Betreff in Benachrichtigungen &amp;verbergen (Privatsphäre)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Combine into one notification when more messages arrive at once than:</source>
        <translation>In einer Benachrichtigung zusammen&amp;fassen, wenn gleichzeitig mehr Nachrichten ankommen als:</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Quiet hours</source>
        <translation>Ruhezeit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;No popups</source>
        <translation>Keine &amp;Popups</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;from</source>
        <translation>vo&amp;n</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;to</source>
        <translation>&amp;bis</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The quiet time may wrap past midnight (22:00 to 07:00). Meanwhile the unread count in the tray stays live; popups wait and are summarised when the quiet hours end.</source>
        <translation>Die Ruhezeit darf über Mitternacht gehen (22:00 bis 07:00). Währenddessen bleibt die Zahl ungelesener Nachrichten im Systembereich aktuell; Popups warten und werden am Ende der Ruhezeit zusammengefasst.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Startup</source>
        <translation>Start</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Start Idlebell when I log in</source>
        <translation>Idlebell beim Anmelden &amp;starten</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Some settings in %1 could not be used:</source>
        <translation>Einige Einstellungen in %1 konnten nicht verwendet werden:</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>%1 (unencrypted)</source>
        <translation>%1 (unverschlüsselt)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Watched. Uncheck to pause this account.</source>
        <translation>Wird überwacht. Häkchen entfernen, um dieses Konto zu pausieren.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not watched. Check to watch this account.</source>
        <translation>Wird nicht überwacht. Ankreuzen, um dieses Konto zu überwachen.</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>Remove Account</source>
        <translation>Konto entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the account &quot;%1&quot;?</source>
        <translation>Das Konto „%1“ entfernen?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Idlebell stops watching it and forgets its settings and stored password. Your mail on the server is not touched.</source>
        <translation>Idlebell überwacht es nicht mehr und vergisst seine Einstellungen und das gespeicherte Passwort. Ihre E-Mails auf dem Server bleiben unberührt.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Account &quot;%1&quot;: %2</source>
        <translation>Konto „%1“: %2</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>The settings could not be saved: %1</source>
        <translation>Die Einstellungen konnten nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <location line="+34"/>
        <location line="+71"/>
        <source>Storing the password in the keyring…</source>
        <translation>Passwort wird im Schlüsselbund gespeichert…</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>No keyring is available: keep the password for this run only?</source>
        <translation>Kein Schlüsselbund verfügbar: Das Passwort nur für diese Sitzung behalten?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The password could not be stored in the keyring: keep it for this run only?</source>
        <translation>Das Passwort konnte nicht im Schlüsselbund gespeichert werden: Nur für diese Sitzung behalten?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password of %1</source>
        <translation>Passwort von %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1

If you keep it for this run only, Idlebell forgets it when it quits and asks for it again next time.</source>
        <translation>%1

Wenn Sie es nur für diese Sitzung behalten, vergisst Idlebell es beim Beenden und fragt beim nächsten Mal erneut danach.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The password of &quot;%1&quot; was not stored.</source>
        <translation>Das Passwort von „%1“ wurde nicht gespeichert.</translation>
    </message>
</context>
<context>
    <name>ui::SingleInstance</name>
    <message>
        <location filename="../src/ui/SingleInstance.cpp" line="+92"/>
        <source>Cannot create the lock file %1.</source>
        <translation>Die Sperrdatei %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cannot listen on %1: %2</source>
        <translation>Auf %1 kann nicht gelauscht werden: %2</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Another Idlebell is running but does not answer (%1).</source>
        <translation>Eine andere Idlebell-Instanz läuft, antwortet aber nicht (%1).</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Could not reach the running Idlebell: %1</source>
        <translation>Die laufende Idlebell-Instanz ist nicht erreichbar: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The running Idlebell did not understand the request.</source>
        <translation>Die laufende Idlebell-Instanz hat die Anfrage nicht verstanden.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The running Idlebell did not answer in time.</source>
        <translation>Die laufende Idlebell-Instanz hat nicht rechtzeitig geantwortet.</translation>
    </message>
</context>
<context>
    <name>ui::TrayController</name>
    <message>
        <location filename="../src/ui/TrayController.cpp" line="+123"/>
        <source>No account yet</source>
        <translation>Noch kein Konto</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Mute for…</source>
        <translation>Stummschalten für…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>1 hour</source>
        <translation>1 Stunde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>4 hours</source>
        <translation>4 Stunden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Until tomorrow morning (%1)</source>
        <translation>Bis morgen früh (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Until I unmute</source>
        <translation>Bis ich die Stummschaltung aufhebe</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+75"/>
        <source>Unmute</source>
        <translation>Stummschaltung aufheben</translation>
    </message>
    <message>
        <location line="-71"/>
        <source>Check all now</source>
        <translation>Alle jetzt abfragen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Settings…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>About Idlebell</source>
        <translation>Über Idlebell</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check now</source>
        <translation>Jetzt abfragen</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No click action is set for this account (Settings)</source>
        <translation>Für dieses Konto ist keine Klickaktion eingestellt (Einstellungen)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Unmute (muted until %1)</source>
        <translation>Stummschaltung aufheben (stumm bis %1)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Settings incomplete</source>
        <translation>Einstellungen unvollständig</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No password</source>
        <translation>Kein Passwort</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Login refused</source>
        <translation>Anmeldung abgelehnt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Certificate not trusted</source>
        <translation>Zertifikat nicht vertrauenswürdig</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Secure connection failed</source>
        <translation>Sichere Verbindung fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connection not secure</source>
        <translation>Verbindung nicht sicher</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Settings problem</source>
        <translation>Problem mit den Einstellungen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Folder cannot be opened</source>
        <translation>Ordner kann nicht geöffnet werden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Server error</source>
        <translation>Serverfehler</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Server unavailable</source>
        <translation>Server nicht verfügbar</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot connect</source>
        <translation>Keine Verbindung möglich</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Server not answering</source>
        <translation>Server antwortet nicht</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Reconnecting…</source>
        <translation>Verbindung wird wiederhergestellt…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connecting…</source>
        <translation>Verbindung wird aufgebaut…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Polling every minute</source>
        <translation>Abfrage jede Minute</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>Polling every %n min</source>
        <translation>
            <numerusform>Abfrage im Abstand von %n Min.</numerusform>
            <numerusform>Abfrage alle %n Min.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Push (IDLE)</source>
        <translation>Push (IDLE)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1: %2: %3</source>
        <translation>%1: %2: %3</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: reconnecting…</source>
        <translation>%1: Verbindung wird wiederhergestellt…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: reconnecting (%2)</source>
        <translation>%1: Verbindung wird wiederhergestellt (%2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: connecting…</source>
        <translation>%1: Verbindung wird aufgebaut…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>1 unread</source>
        <translation>1 ungelesen</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n unread</source>
        <translation>
            <numerusform>%n ungelesen</numerusform>
            <numerusform>%n ungelesen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>checking every minute (no IDLE)</source>
        <translation>Abfrage jede Minute (kein IDLE)</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>checking every %n minutes (no IDLE)</source>
        <translation>
            <numerusform>Abfrage im Abstand von %n Minute (kein IDLE)</numerusform>
            <numerusform>Abfrage alle %n Minuten (kein IDLE)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>reconnecting…</source>
        <translation>Verbindung wird wiederhergestellt…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>reconnecting (%1)</source>
        <translation>Verbindung wird wiederhergestellt (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no unread mail</source>
        <translation>keine ungelesenen E-Mails</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Notifications are off</source>
        <translation>Benachrichtigungen sind aus</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Muted until you unmute</source>
        <translation>Stumm, bis Sie die Stummschaltung aufheben</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Muted until %1</source>
        <translation>Stumm bis %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Muted until tomorrow, %1</source>
        <translation>Stumm bis morgen, %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Muted until %1, %2</source>
        <translation>Stumm bis %1, %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quiet hours until %1</source>
        <translation>Ruhezeit bis %1</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Idlebell</source>
        <translation>Idlebell</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No account to watch: add one in Settings.</source>
        <translation>Kein Konto zu überwachen: Fügen Sie in den Einstellungen eines hinzu.</translation>
    </message>
</context>
</TS>
