<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>core::Account</name>
    <message>
        <location filename="../src/core/Account.cpp" line="+184"/>
        <source>The account has no id.</source>
        <translation>Le compte n’a pas d’identifiant.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The account id &quot;%1&quot; may contain only lower-case letters a-z, digits, &quot;-&quot; and &quot;_&quot; (at most 64 characters).</source>
        <translation>L’identifiant de compte «&#xa0;%1&#xa0;» ne peut contenir que des lettres minuscules a-z, des chiffres, «&#xa0;-&#xa0;» et «&#xa0;_&#xa0;» (64 caractères au plus).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The IMAP server (host) is missing.</source>
        <translation>Le serveur IMAP (hôte) est manquant.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;%1&quot; is not a valid server name; enter the port in its own field.</source>
        <translation>«&#xa0;%1&#xa0;» n’est pas un nom de serveur valide&#xa0;; saisissez le port dans son propre champ.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../src/ui/AccountDialog.cpp" line="+673"/>
        <source>The port %1 is out of range (1 to 65535).</source>
        <translation>Le port %1 est hors limites (1 à 65535).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The user name is missing (and there is no email address to use instead).</source>
        <translation>Le nom d’utilisateur est manquant (et aucune adresse e-mail ne peut le remplacer).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;%1&quot; is not an email address.</source>
        <translation>«&#xa0;%1&#xa0;» n’est pas une adresse e-mail.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No mailbox is selected; add at least one (usually INBOX).</source>
        <translation>Aucun dossier n’est sélectionné&#xa0;; ajoutez-en au moins un (en général INBOX).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A mailbox name is empty or contains control characters.</source>
        <translation>Un nom de dossier est vide ou contient des caractères de contrôle.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The mailbox &quot;%1&quot; is listed twice.</source>
        <translation>Le dossier «&#xa0;%1&#xa0;» figure deux fois.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The password command has no program to run.</source>
        <translation>La commande de mot de passe n’indique aucun programme à exécuter.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The CA certificate file &quot;%1&quot; must be given with its full path.</source>
        <translation>Le fichier de certificat CA «&#xa0;%1&#xa0;» doit être indiqué avec son chemin complet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The CA certificate file &quot;%1&quot; does not exist or cannot be read.</source>
        <translation>Le fichier de certificat CA «&#xa0;%1&#xa0;» n’existe pas ou ne peut pas être lu.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The pinned certificate fingerprint must be a SHA-256 fingerprint: 64 hexadecimal digits.</source>
        <translation>L’empreinte du certificat épinglé doit être une empreinte SHA-256&#xa0;: 64 chiffres hexadécimaux.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The IDLE refresh interval must be between %1 and %2 minutes.</source>
        <translation>L’intervalle de renouvellement d’IDLE doit être compris entre %1 et %2 minutes.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The polling interval must be between %1 and %2 minutes.</source>
        <translation>L’intervalle de vérification doit être compris entre %1 et %2 minutes.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The webmail address &quot;%1&quot; must be a full http:// or https:// address.</source>
        <translation>L’adresse du webmail «&#xa0;%1&#xa0;» doit être une adresse http:// ou https:// complète.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clicking a notification should open webmail, but no webmail address is set.</source>
        <translation>Un clic sur une notification doit ouvrir le webmail, mais aucune adresse de webmail n’est indiquée.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Clicking a notification should run the mail client, but no mail client command is set.</source>
        <translation>Un clic sur une notification doit lancer le client de messagerie, mais aucune commande n’est indiquée pour celui-ci.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The color &quot;%1&quot; must look like #rrggbb.</source>
        <translation>La couleur «&#xa0;%1&#xa0;» doit être de la forme #rrvvbb.</translation>
    </message>
</context>
<context>
    <name>core::AccountStore</name>
    <message>
        <location filename="../src/core/AccountStore.cpp" line="+108"/>
        <source>%1: the value &quot;%2&quot; of &quot;%3&quot; is not valid; using %4 instead.</source>
        <translation>%1&#xa0;: la valeur «&#xa0;%2&#xa0;» de «&#xa0;%3&#xa0;» n’est pas valide&#xa0;; %4 est utilisé à la place.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1: the value &quot;%2&quot; of &quot;%3&quot; is not valid (allowed: %4 to %5); using %6 instead.</source>
        <translation>%1&#xa0;: la valeur «&#xa0;%2&#xa0;» de «&#xa0;%3&#xa0;» n’est pas valide (autorisé&#xa0;: %4 à %5)&#xa0;; %6 est utilisé à la place.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Account &quot;%1&quot;</source>
        <translation>Compte «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: unknown key &quot;%2&quot; ignored.</source>
        <translation>%1&#xa0;: clé inconnue «&#xa0;%2&#xa0;» ignorée.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1: a mailbox is listed twice in &quot;%2&quot;; it is watched once.</source>
        <translation>%1&#xa0;: un dossier figure deux fois dans «&#xa0;%2&#xa0;»&#xa0;; il n’est surveillé qu’une fois.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>no pinned certificate</source>
        <translation>aucun certificat épinglé</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>no webmail address</source>
        <translation>aucune adresse de webmail</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>no color</source>
        <translation>aucune couleur</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+10"/>
        <source>Preferences</source>
        <translation>Préférences</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>it cannot be read or written</source>
        <translation>il ne peut pas être lu ou écrit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it is not a valid settings file</source>
        <translation>ce n’est pas un fichier de paramètres valide</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>it is not a readable file</source>
        <translation>ce n’est pas un fichier lisible</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The settings file has a key &quot;%1&quot;: passwords do not belong in the settings file; use the keyring or passwordCommand. It is ignored and removed when settings are saved.</source>
        <translation>Le fichier de paramètres contient une clé «&#xa0;%1&#xa0;»&#xa0;: les mots de passe n’ont pas leur place dans le fichier de paramètres&#xa0;; utilisez le trousseau ou passwordCommand. Elle est ignorée et supprimée à l’enregistrement des paramètres.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The settings file was written by a newer version of Idlebell; settings this version does not know are ignored.</source>
        <translation>Le fichier de paramètres a été écrit par une version plus récente d’Idlebell&#xa0;; les paramètres que cette version ne connaît pas sont ignorés.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The settings group &quot;%1&quot; is ignored: an account id may contain only lower-case letters a-z, digits, &quot;-&quot; and &quot;_&quot;.</source>
        <translation>Le groupe de paramètres «&#xa0;%1&#xa0;» est ignoré&#xa0;: un identifiant de compte ne peut contenir que des lettres minuscules a-z, des chiffres, «&#xa0;-&#xa0;» et «&#xa0;_&#xa0;».</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The settings file %1 cannot be used (%2). Idlebell starts with default settings. The file is left as it is; before settings are saved it is moved to %3.</source>
        <translation>Le fichier de paramètres %1 est inutilisable (%2). Idlebell démarre avec les paramètres par défaut. Le fichier reste tel quel&#xa0;; avant l’enregistrement des paramètres, il est déplacé vers %3.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The account id &quot;%1&quot; is not valid.</source>
        <translation>L’identifiant de compte «&#xa0;%1&#xa0;» n’est pas valide.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Two accounts have the id &quot;%1&quot;.</source>
        <translation>Deux comptes ont l’identifiant «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The settings file %1 could not be read and could not be moved aside to %2; settings are not saved, so that it is not overwritten.</source>
        <translation>Le fichier de paramètres %1 n’a pu être ni lu ni déplacé vers %2&#xa0;; les paramètres ne sont pas enregistrés, pour ne pas l’écraser.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 is not a file.</source>
        <translation>%1 n’est pas un fichier.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The folder %1 could not be created.</source>
        <translation>Le dossier %1 n’a pas pu être créé.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The settings file %1 cannot be used (%2); settings are not saved. Save again to move it aside to %3.</source>
        <translation>Le fichier de paramètres %1 est inutilisable (%2)&#xa0;; les paramètres ne sont pas enregistrés. Enregistrez à nouveau pour le déplacer vers %3.</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>The settings could not be written to %1 (%2).</source>
        <translation>Les paramètres n’ont pas pu être écrits dans %1 (%2).</translation>
    </message>
</context>
<context>
    <name>core::Monitor</name>
    <message>
        <location filename="../src/core/Monitor.cpp" line="+295"/>
        <source>The account is not connected</source>
        <translation>Le compte n’est pas connecté</translation>
    </message>
</context>
<context>
    <name>core::Preferences</name>
    <message>
        <location filename="../src/core/Preferences.cpp" line="+18"/>
        <source>The quiet hours need a valid start and end time.</source>
        <translation>Les heures calmes demandent une heure de début et une heure de fin valides.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The quiet hours start and end at the same time.</source>
        <translation>Les heures calmes commencent et finissent à la même heure.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The number of messages shown one by one must be between %1 and %2.</source>
        <translation>Le nombre de messages affichés un par un doit être compris entre %1 et %2.</translation>
    </message>
</context>
<context>
    <name>core::SecretStore</name>
    <message>
        <location filename="../src/core/SecretStore.cpp" line="+49"/>
        <source>no details</source>
        <translation>aucun détail</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No password is stored in the keyring for this account. Enter it in the account settings.</source>
        <translation>Aucun mot de passe n’est enregistré dans le trousseau pour ce compte. Saisissez-le dans les paramètres du compte.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Access to the keyring was denied (%1). Unlock the keyring and try again.</source>
        <translation>L’accès au trousseau a été refusé (%1). Déverrouillez le trousseau et réessayez.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+10"/>
        <source>The password could not be removed from the keyring (%1).</source>
        <translation>Le mot de passe n’a pas pu être supprimé du trousseau (%1).</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>The keyring could not be read (%1).</source>
        <translation>Le trousseau n’a pas pu être lu (%1).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The password could not be stored in the keyring (%1).</source>
        <translation>Le mot de passe n’a pas pu être enregistré dans le trousseau (%1).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No keyring service is available (%1). Start a Secret Service such as GNOME Keyring or KWallet, set a password command for the account, or keep the password for this run only.</source>
        <translation>Aucun service de trousseau n’est disponible (%1). Démarrez un Secret Service comme GNOME Keyring ou KWallet, indiquez une commande de mot de passe pour le compte, ou gardez le mot de passe pour cette session seulement.</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>The password command has no program to run.</source>
        <translation>La commande de mot de passe n’indique aucun programme à exécuter.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>The password command &quot;%1&quot; could not be started (%2).</source>
        <translation>La commande de mot de passe «&#xa0;%1&#xa0;» n’a pas pu être lancée (%2).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The password command &quot;%1&quot; did not finish within %2 seconds and was stopped.</source>
        <translation>La commande de mot de passe «&#xa0;%1&#xa0;» ne s’est pas terminée en %2 secondes et a été arrêtée.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>(output withheld: it contains what the command printed as the password)</source>
        <translation>(sortie masquée&#xa0;: elle contient ce que la commande a écrit comme mot de passe)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The password command &quot;%1&quot; crashed%2</source>
        <translation>La commande de mot de passe «&#xa0;%1&#xa0;» a planté%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The password command &quot;%1&quot; failed with exit code %2%3</source>
        <translation>La commande de mot de passe «&#xa0;%1&#xa0;» a échoué avec le code de sortie %2%3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The password command &quot;%1&quot; printed no password%2</source>
        <translation>La commande de mot de passe «&#xa0;%1&#xa0;» n’a écrit aucun mot de passe%2</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The password stored in the keyring for this account is empty.</source>
        <translation>Le mot de passe enregistré dans le trousseau pour ce compte est vide.</translation>
    </message>
</context>
<context>
    <name>core::StateStore</name>
    <message>
        <location filename="../src/core/StateStore.cpp" line="+99"/>
        <source>it is not a file</source>
        <translation>ce n’est pas un fichier</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+8"/>
        <source>it is larger than %1 MiB</source>
        <translation>il dépasse %1 Mio</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>it cannot be read: %1</source>
        <translation>il ne peut pas être lu&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The saved mail state %1 could not be used (%2). It was moved to %3 and Idlebell starts with no saved state.</source>
        <translation>L’état du courrier enregistré %1 est inutilisable (%2). Il a été déplacé vers %3 et Idlebell démarre sans état enregistré.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The saved mail state %1 could not be used (%2), nor moved aside. Idlebell starts with no saved state.</source>
        <translation>L’état du courrier enregistré %1 n’a pu être ni utilisé (%2) ni déplacé. Idlebell démarre sans état enregistré.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>it is not valid JSON: %1 at offset %2</source>
        <translation>ce n’est pas du JSON valide&#xa0;: %1 à la position %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>it is not a JSON object</source>
        <translation>ce n’est pas un objet JSON</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>it was written by a newer version of Idlebell</source>
        <translation>il a été écrit par une version plus récente d’Idlebell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it has no valid &quot;version&quot;</source>
        <translation>il n’a pas de «&#xa0;version&#xa0;» valide</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&quot;accounts&quot; is not an object</source>
        <translation>«&#xa0;accounts&#xa0;» n’est pas un objet</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the account &quot;%1&quot; is not an object</source>
        <translation>le compte «&#xa0;%1&#xa0;» n’est pas un objet</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&quot;mailboxes&quot; of the account &quot;%1&quot; is not an object</source>
        <translation>«&#xa0;mailboxes&#xa0;» du compte «&#xa0;%1&#xa0;» n’est pas un objet</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>the state of mailbox &quot;%1&quot; of the account &quot;%2&quot; is not valid</source>
        <translation>l’état du dossier «&#xa0;%1&#xa0;» du compte «&#xa0;%2&#xa0;» n’est pas valide</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&quot;recentMessageIds&quot; of the account &quot;%1&quot; is not a list</source>
        <translation>«&#xa0;recentMessageIds&#xa0;» du compte «&#xa0;%1&#xa0;» n’est pas une liste</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&quot;recentMessageIds&quot; of the account &quot;%1&quot; holds something that is not text</source>
        <translation>«&#xa0;recentMessageIds&#xa0;» du compte «&#xa0;%1&#xa0;» contient autre chose que du texte</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>The folder %1 could not be created.</source>
        <translation>Le dossier %1 n’a pas pu être créé.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The mail state could not be saved to %1: %2</source>
        <translation>L’état du courrier n’a pas pu être enregistré dans %1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="+72"/>
        <source>Tells you the moment new mail arrives, using IMAP IDLE.</source>
        <translation>Vous avertit dès qu’un nouveau courriel arrive, grâce à IMAP IDLE.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No tray and no windows: print one JSON object per event on stdout.</source>
        <translation>Ni icône dans la zone de notification ni fenêtre&#xa0;: écrire un objet JSON par événement sur stdout.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use this settings file instead of %1.</source>
        <translation>Utiliser ce fichier de paramètres au lieu de %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+7"/>
        <source>FILE</source>
        <translation>FICHIER</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Keep what was already notified in this file (default: next to --config, else %1).</source>
        <translation>Garder la trace de ce qui a déjà été signalé dans ce fichier (par défaut&#xa0;: à côté de --config, sinon %1).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Check every account at once.</source>
        <translation>Vérifier tous les comptes immédiatement.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the settings dialog.</source>
        <translation>Ouvrir la fenêtre des paramètres.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Log what the sessions do on stderr (never passwords).</source>
        <translation>Journaliser sur stderr ce que font les sessions (jamais les mots de passe).</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>No enabled account in %1; see the README to add one.</source>
        <translation>Aucun compte activé dans %1&#xa0;; le README explique comment en ajouter un.</translation>
    </message>
</context>
<context>
    <name>session::ConnectionProbe</name>
    <message>
        <location filename="../src/session/ConnectionProbe.cpp" line="+59"/>
        <source>Listing folders</source>
        <translation>Liste des dossiers</translation>
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
        <translation>Aucun nom de serveur ou port n’est indiqué pour ce compte</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Connecting to %1:%2</source>
        <translation>Connexion à %1:%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>connecting to the server</source>
        <translation>la connexion au serveur</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>the server&apos;s greeting</source>
        <translation>le message d’accueil du serveur</translation>
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
        <translation>Le serveur a envoyé des données non chiffrées après avoir accepté STARTTLS&#xa0;; c’est ainsi que fonctionnent les attaques par injection STARTTLS. Connexion refusée.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The server sent data that is not valid IMAP (%1)</source>
        <translation>Le serveur a envoyé des données IMAP non valides (%1)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The server sent more data right after accepting STARTTLS; this is how STARTTLS injection attacks work. Connection refused.</source>
        <translation>Le serveur a envoyé d’autres données juste après avoir accepté STARTTLS&#xa0;; c’est ainsi que fonctionnent les attaques par injection STARTTLS. Connexion refusée.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the TLS handshake</source>
        <translation>la négociation TLS</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The server closed the connection</source>
        <translation>Le serveur a fermé la connexion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server closed the connection: %1</source>
        <translation>Le serveur a fermé la connexion&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server closed the connection before greeting</source>
        <translation>Le serveur a fermé la connexion avant son message d’accueil</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The connection to the server was lost</source>
        <translation>La connexion au serveur a été perdue</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>No answer from the server while waiting for %1; the connection seems dead</source>
        <translation>Pas de réponse du serveur en attendant %1&#xa0;; la connexion semble coupée</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>The server answered a command that was not sent (tag %1)</source>
        <translation>Le serveur a répondu à une commande qui n’a pas été envoyée (étiquette %1)</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The server did not send an IMAP greeting</source>
        <translation>Le serveur n’a pas envoyé de message d’accueil IMAP</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The server greeted with PREAUTH before TLS, so STARTTLS is impossible; refusing to continue in plaintext</source>
        <translation>Le serveur a répondu PREAUTH avant TLS, STARTTLS est donc impossible&#xa0;; refus de continuer en clair</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The server refused the connection: %1</source>
        <translation>Le serveur a refusé la connexion&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server refused the connection</source>
        <translation>Le serveur a refusé la connexion</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The server sent an unexpected greeting</source>
        <translation>Le serveur a envoyé un message d’accueil inattendu</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>The server sent an unexpected continuation request</source>
        <translation>Le serveur a envoyé une demande de continuation inattendue</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>the answer to %1</source>
        <translation>la réponse à %1</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The server did not list its capabilities</source>
        <translation>Le serveur n’a pas indiqué ses capacités (CAPABILITY)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The server does not offer STARTTLS, so the connection cannot be encrypted; refusing to log in in plaintext</source>
        <translation>Le serveur ne propose pas STARTTLS, la connexion ne peut donc pas être chiffrée&#xa0;; refus de s’identifier en clair</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The server refused STARTTLS; refusing to log in in plaintext</source>
        <translation>Le serveur a refusé STARTTLS&#xa0;; refus de s’identifier en clair</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Logging in as %1</source>
        <translation>Identification en tant que %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Refusing to send credentials over an unencrypted connection</source>
        <translation>Refus d’envoyer les identifiants sur une connexion non chiffrée</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No password is available for this account</source>
        <translation>Aucun mot de passe n’est disponible pour ce compte</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The server offers no login method Idlebell supports (LOGINDISABLED and no AUTH=PLAIN)</source>
        <translation>Le serveur ne propose aucune méthode d’identification prise en charge par Idlebell (LOGINDISABLED et pas d’AUTH=PLAIN)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The server cannot log in now: %1</source>
        <translation>Le serveur ne peut pas procéder à l’identification pour le moment&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server refused the login for %1: %2</source>
        <translation>Le serveur a refusé l’identification de %1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The server could not run %1: %2</source>
        <translation>Le serveur n’a pas pu exécuter %1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server rejected %1: %2</source>
        <translation>Le serveur a rejeté %1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>session::ImapSession</name>
    <message>
        <location filename="../src/session/ImapSession.cpp" line="+266"/>
        <source>Stopped</source>
        <translation>Arrêté</translation>
    </message>
    <message>
        <location line="+279"/>
        <source>Opening %1</source>
        <translation>Ouverture de %1</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>EXAMINE</source>
        <translation>EXAMINE</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The mailbox &quot;%1&quot; cannot be opened: %2</source>
        <translation>Le dossier «&#xa0;%1&#xa0;» ne peut pas être ouvert&#xa0;: %2</translation>
    </message>
    <message>
        <source>The server did not send the mailbox&apos;s UIDVALIDITY</source>
        <translation type="vanished">Le serveur n’a pas envoyé l’UIDVALIDITY du dossier</translation>
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
        <translation>Vérification de %1</translation>
    </message>
    <message>
        <location line="-422"/>
        <source>NOOP</source>
        <translation>NOOP</translation>
    </message>
    <message>
        <location line="+472"/>
        <source>The server did not send the UIDVALIDITY of %1</source>
        <translation>Le serveur n’a pas envoyé l’UIDVALIDITY de %1</translation>
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
        <translation>En attente de nouveaux messages (NOTIFY)</translation>
    </message>
    <message numerus="yes">
        <location line="+31"/>
        <source>The server refused IDLE; checking every %n second(s)</source>
        <translation>
            <numerusform>Le serveur a refusé IDLE&#xa0;; vérification à intervalle de %n seconde</numerusform>
            <numerusform>Le serveur a refusé IDLE&#xa0;; vérification toutes les %n secondes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Checking every %n second(s)</source>
        <translation>
            <numerusform>Vérification à intervalle de %n seconde</numerusform>
            <numerusform>Vérification toutes les %n secondes</numerusform>
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
        <translation>En attente de nouveaux messages (IDLE)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>the answer to DONE</source>
        <translation>la réponse à DONE</translation>
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
        <translation>Le dossier %1 a été renuméroté par le serveur&#xa0;; rien n’a été modifié</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>UID STORE</source>
        <translation>UID STORE</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Nothing to mark as read</source>
        <translation>Rien à marquer comme lu</translation>
    </message>
</context>
<context>
    <name>session::SslTransport</name>
    <message>
        <location filename="../src/session/SslTransport.cpp" line="+83"/>
        <source>The server&apos;s certificate changed: it is not the one pinned for this account (%1). Certificate SHA-256 fingerprint: %2</source>
        <translation>Le certificat du serveur a changé&#xa0;: ce n’est pas celui épinglé pour ce compte (%1). Empreinte SHA-256 du certificat&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server&apos;s certificate is not trusted: %1. Certificate SHA-256 fingerprint: %2</source>
        <translation>Le certificat du serveur n’est pas approuvé&#xa0;: %1. Empreinte SHA-256 du certificat&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The host name %1 could not be resolved</source>
        <translation>Le nom d’hôte %1 n’a pas pu être résolu</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The connection to %1 was refused</source>
        <translation>La connexion à %1 a été refusée</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The TLS handshake with %1 failed: %2</source>
        <translation>La négociation TLS avec %1 a échoué&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Network error talking to %1: %2</source>
        <translation>Erreur réseau lors de l’échange avec %1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>ui::AccountDialog</name>
    <message>
        <location filename="../src/ui/AccountDialog.cpp" line="-611"/>
        <source>junk mail</source>
        <translation>courrier indésirable</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>trash</source>
        <translation>corbeille</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>sent mail</source>
        <translation>messages envoyés</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>drafts</source>
        <translation>brouillons</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>archive</source>
        <translation>archives</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>all mail</source>
        <translation>tous les messages</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>flagged mail</source>
        <translation>messages suivis</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Could not connect.</source>
        <translation>Connexion impossible.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server did not answer.</source>
        <translation>Le serveur n’a pas répondu.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The secure connection failed.</source>
        <translation>La connexion sécurisée a échoué.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server&apos;s certificate is not trusted.</source>
        <translation>Le certificat du serveur n’est pas approuvé.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The connection is not safe.</source>
        <translation>La connexion n’est pas sûre.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Login refused.</source>
        <translation>Identification refusée.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server answered in a way Idlebell does not understand.</source>
        <translation>Le serveur a répondu d’une manière qu’Idlebell ne comprend pas.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server is not available now.</source>
        <translation>Le serveur n’est pas disponible pour le moment.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The folder cannot be opened.</source>
        <translation>Le dossier ne peut pas être ouvert.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>These settings cannot work.</source>
        <translation>Ces paramètres ne peuvent pas fonctionner.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The test failed.</source>
        <translation>Le test a échoué.</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Add Mail Account</source>
        <translation>Ajouter un compte de messagerie</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit Mail Account: %1</source>
        <translation>Modifier le compte de messagerie&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Account</source>
        <translation>&amp;Compte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Folders</source>
        <translation>&amp;Dossiers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New Mail</source>
        <translation>&amp;Nouveau courrier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ad&amp;vanced</source>
        <translation>A&amp;vancé</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+799"/>
        <location line="+128"/>
        <source>&amp;Test Connection</source>
        <translation>&amp;Tester la connexion</translation>
    </message>
    <message>
        <location line="-916"/>
        <source>Check the settings with the server before you save them.</source>
        <translation>Vérifier les paramètres auprès du serveur avant de les enregistrer.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Certificate SHA-256 fingerprint:</source>
        <translation>Empreinte SHA-256 du certificat&#xa0;:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Compare it with the fingerprint your mail provider or server administrator publishes (on their website, or ask them) before you trust it. If the two differ, do not trust it: someone may be intercepting the connection.</source>
        <translation>Comparez-la avec l’empreinte que publie votre fournisseur de messagerie ou l’administrateur du serveur (sur son site web, ou demandez-la-lui) avant d’approuver le certificat. Si elles diffèrent, ne l’approuvez pas&#xa0;: quelqu’un intercepte peut-être la connexion.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>T&amp;rust This Certificate</source>
        <translation>Approuver ce certi&amp;ficat</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>e.g. Work</source>
        <translation>p. ex. Travail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Name:</source>
        <translation>No&amp;m&#xa0;:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>you@example.org</source>
        <translation>vous@example.org</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Email address:</source>
        <translation>&amp;Adresse e-mail&#xa0;:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>imap.example.org</source>
        <translation>imap.example.org</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Leave empty to use the usual port for the security setting.</source>
        <translation>Laisser vide pour utiliser le port habituel du mode de sécurité choisi.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Port:</source>
        <translation>&amp;Port&#xa0;:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>IMAP &amp;server:</source>
        <translation>&amp;Serveur IMAP&#xa0;:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>SSL/TLS (recommended)</source>
        <translation>SSL/TLS (recommandé)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None (unencrypted)</source>
        <translation>Aucune (non chiffré)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;ecurity:</source>
        <translation>S&amp;écurité&#xa0;:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The password and your mail travel unencrypted: anyone on the network path can read them.</source>
        <translation>Le mot de passe et vos messages circulent en clair&#xa0;: n’importe qui sur le chemin réseau peut les lire.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;User name:</source>
        <translation>Nom d’&amp;utilisateur&#xa0;:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Pass&amp;word:</source>
        <translation>Mot de pass&amp;e&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stored in the system keyring, never in the settings file.</source>
        <translation>Enregistré dans le trousseau du système, jamais dans le fichier de paramètres.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Folders to &amp;watch for new mail:</source>
        <translation>Dossiers à &amp;surveiller pour le nouveau courrier&#xa0;:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Junk, Trash, Sent, Drafts, Archive and All Mail are not watched unless you check them. Each watched folder uses one connection to the server.</source>
        <translation>Les dossiers Indésirables, Corbeille, Envoyés, Brouillons, Archives et Tous les messages ne sont surveillés que si vous les cochez. Chaque dossier surveillé utilise une connexion au serveur.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Load Folders from Server</source>
        <translation>C&amp;harger les dossiers du serveur</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Folder name, e.g. Lists/Qt</source>
        <translation>Nom du dossier, p. ex. Listes/Qt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A&amp;dd</source>
        <translation>A&amp;jouter</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Push: the server reports new mail at once (IDLE)</source>
        <translation>Push&#xa0;: nouveau courrier signalé aussitôt (IDLE)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check at an interval (polling)</source>
        <translation>Vérifier à intervalle régulier (interrogation)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;How:</source>
        <translation>&amp;Méthode&#xa0;:</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+8"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Idlebell renews the push request this often, which also detects a dead connection. Servers end a push request after 30 minutes at the latest.</source>
        <translation>Idlebell renouvelle la demande de push à cette fréquence, ce qui détecte aussi une connexion coupée. Les serveurs mettent fin à une demande de push au bout de 30 minutes au plus tard.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Renew push every:</source>
        <translation>&amp;Renouveler le push toutes les&#xa0;:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Chec&amp;k every:</source>
        <translation>Vérifi&amp;er toutes les&#xa0;:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open webmail</source>
        <translation>Ouvrir le webmail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start the mail client</source>
        <translation>Lancer le client de messagerie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing</source>
        <translation>Rien</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Clicking a notification:</source>
        <translation>C&amp;lic sur une notification&#xa0;:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>https://mail.example.org/</source>
        <translation>https://mail.example.org/</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Webmail address:</source>
        <translation>Adresse du &amp;webmail&#xa0;:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. thunderbird</source>
        <translation>p. ex. thunderbird</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A program and its arguments; it is started without a shell.</source>
        <translation>Un programme et ses arguments&#xa0;; il est lancé sans shell.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Mail client command:</source>
        <translation>Client de messa&amp;gerie&#xa0;:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No Colo&amp;r</source>
        <translation>&amp;Aucune couleur</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Co&amp;lor:</source>
        <translation>C&amp;ouleur&#xa0;:</translation>
    </message>
    <message>
        <location line="+404"/>
        <source>Account Color</source>
        <translation>Couleur du compte</translation>
    </message>
    <message>
        <location line="-401"/>
        <source>Marks this account in the settings and the tray menu.</source>
        <translation>Distingue ce compte dans les paramètres et dans le menu de la zone de notification.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>e.g. pass show mail/work</source>
        <translation>p. ex. pass show mail/travail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password &amp;command:</source>
        <translation>Co&amp;mmande de mot de passe&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Optional. Idlebell runs it without a shell and uses the first line it prints as the password, instead of the keyring.</source>
        <translation>Facultatif. Idlebell l’exécute sans shell et utilise la première ligne qu’elle écrit comme mot de passe, au lieu du trousseau.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>None: the system&apos;s certificate authorities</source>
        <translation>Aucun&#xa0;: les autorités de certification du système</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>E&amp;xtra CA certificate:</source>
        <translation>Certificat CA &amp;supplémentaire&#xa0;:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A PEM file with the certificate authority of a self-hosted server, trusted for this account besides the system&apos;s.</source>
        <translation>Un fichier PEM contenant l’autorité de certification d’un serveur auto-hébergé, approuvée pour ce compte en plus de celles du système.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>None</source>
        <translation>Aucun</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Forget</source>
        <translation>&amp;Oublier</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Trusted certificate:</source>
        <translation>Certificat &amp;approuvé&#xa0;:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The SHA-256 fingerprint of a certificate you trusted with &quot;Test Connection&quot;. Only exactly this certificate is accepted.</source>
        <translation>L’empreinte SHA-256 d’un certificat que vous avez approuvé avec «&#xa0;Tester la connexion&#xa0;». Seul ce certificat précis est accepté.</translation>
    </message>
    <message>
        <location line="+134"/>
        <source>The port &quot;%1&quot; is not a number from 1 to 65535. Leave it empty to use %2.</source>
        <translation>Le port «&#xa0;%1&#xa0;» n’est pas un nombre de 1 à 65535. Laissez-le vide pour utiliser %2.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Enter the password (or set a password command under Advanced).</source>
        <translation>Saisissez le mot de passe (ou indiquez une commande de mot de passe dans «&#xa0;Avancé&#xa0;»).</translation>
    </message>
    <message>
        <location line="+124"/>
        <source>Your login name</source>
        <translation>Votre identifiant de connexion</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not needed: the password command gives it</source>
        <translation>Inutile&#xa0;: la commande de mot de passe le fournit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Leave empty to keep the stored password</source>
        <translation>Laisser vide pour garder le mot de passe enregistré</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>If the server cannot push new mail, Idlebell checks every minute.</source>
        <translation>Si le serveur ne peut pas signaler le nouveau courrier, Idlebell vérifie toutes les minutes.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>If the server cannot push new mail, Idlebell checks every %n minutes.</source>
        <translation>
            <numerusform>Si le serveur ne peut pas signaler le nouveau courrier, Idlebell vérifie à intervalle de %n minute.</numerusform>
            <numerusform>Si le serveur ne peut pas signaler le nouveau courrier, Idlebell vérifie toutes les %n minutes.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mail arrives late by up to the interval. Push is better when the server offers it.</source>
        <translation>Le courrier arrive avec un retard pouvant atteindre l’intervalle. Le push est préférable quand le serveur le propose.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Extra CA Certificate</source>
        <translation>Certificat CA supplémentaire</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Certificats (*.pem *.crt *.cer);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A special folder for %1: not watched unless you check it.</source>
        <translation>Un dossier spécial (%1)&#xa0;: surveillé seulement si vous le cochez.</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>%1 (not found on the server)</source>
        <translation>%1 (introuvable sur le serveur)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server did not list this folder.</source>
        <translation>Le serveur n’a pas listé ce dossier.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>S&amp;top Test</source>
        <translation>&amp;Interrompre le test</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Testing…</source>
        <translation>Test en cours…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Fix the settings below first.</source>
        <translation>Corrigez d’abord les paramètres ci-dessous.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Reading the password from the keyring…</source>
        <translation>Lecture du mot de passe dans le trousseau…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Running the password command…</source>
        <translation>Exécution de la commande de mot de passe…</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Connecting to %1…</source>
        <translation>Connexion à %1…</translation>
    </message>
    <message>
        <location line="+27"/>
        <location line="+5"/>
        <source>The test was stopped.</source>
        <translation>Le test a été interrompu.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Connected. The server pushes new mail (IDLE).</source>
        <translation>Connecté. Le serveur signale aussitôt le nouveau courrier (IDLE).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This account is set to check every minute instead.</source>
        <translation>Ce compte est réglé pour vérifier plutôt toutes les minutes.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>This account is set to check every %n minutes instead.</source>
        <translation>
            <numerusform>Ce compte est réglé pour vérifier plutôt à intervalle de %n minute.</numerusform>
            <numerusform>Ce compte est réglé pour vérifier plutôt toutes les %n minutes.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connected, but the server cannot push new mail: Idlebell will check every minute.</source>
        <translation>Connecté, mais le serveur ne peut pas signaler le nouveau courrier&#xa0;: Idlebell vérifiera toutes les minutes.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Connected, but the server cannot push new mail: Idlebell will check every %n minutes.</source>
        <translation>
            <numerusform>Connecté, mais le serveur ne peut pas signaler le nouveau courrier&#xa0;: Idlebell vérifiera à intervalle de %n minute.</numerusform>
            <numerusform>Connecté, mais le serveur ne peut pas signaler le nouveau courrier&#xa0;: Idlebell vérifiera toutes les %n minutes.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>It has 1 folder.</source>
        <translation>Il y a 1 dossier.</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>It has %n folders.</source>
        <translation>
            <numerusform>Il y a %n dossier.</numerusform>
            <numerusform>Il y a %n dossiers.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::Autostart</name>
    <message>
        <location filename="../src/ui/Autostart.cpp" line="+115"/>
        <source>Tells you the moment new mail arrives</source>
        <translation>Vous avertit dès qu’un nouveau courriel arrive</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The autostart entry %1 could not be removed (%2).</source>
        <translation>L’entrée de démarrage automatique %1 n’a pas pu être supprimée (%2).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The autostart folder %1 could not be created.</source>
        <translation>Le dossier de démarrage automatique %1 n’a pas pu être créé.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The autostart entry %1 could not be written (%2).</source>
        <translation>L’entrée de démarrage automatique %1 n’a pas pu être écrite (%2).</translation>
    </message>
</context>
<context>
    <name>ui::ClickAction</name>
    <message>
        <location filename="../src/ui/ClickAction.cpp" line="+20"/>
        <source>No webmail address is set for %1.</source>
        <translation>Aucune adresse de webmail n’est indiquée pour %1.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>“%1” is not a web address (only http and https are opened).</source>
        <translation>«&#xa0;%1&#xa0;» n’est pas une adresse web (seules les adresses http et https sont ouvertes).</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No mail program is set.</source>
        <translation>Aucun client de messagerie n’est indiqué.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Nothing</source>
        <translation>Rien</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open %1</source>
        <translation>Ouvrir %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run %1</source>
        <translation>Lancer %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Nothing to open.</source>
        <translation>Rien à ouvrir.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The desktop could not open %1.</source>
        <translation>Le bureau n’a pas pu ouvrir %1.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Could not start “%1”.</source>
        <translation>Impossible de lancer «&#xa0;%1&#xa0;».</translation>
    </message>
</context>
<context>
    <name>ui::DesktopController</name>
    <message>
        <location filename="../src/ui/DesktopController.cpp" line="+374"/>
        <source>%1 (while muted)</source>
        <translation>%1 (pendant la sourdine)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 (during quiet hours)</source>
        <translation>%1 (pendant les heures calmes)</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>%1: the server&apos;s certificate is not trusted</source>
        <translation>%1&#xa0;: le certificat du serveur n’est pas approuvé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Idlebell did not connect. Open Settings, edit the account and use Test connection to check the certificate&apos;s fingerprint and trust it if it is right.</source>
        <translation>Idlebell ne s’est pas connecté. Ouvrez les paramètres, modifiez le compte et utilisez «&#xa0;Tester la connexion&#xa0;» pour vérifier l’empreinte du certificat, puis approuvez-le s’il est correct.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+43"/>
        <source>Open Settings</source>
        <translation>Ouvrir les paramètres</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>%1: could not mark as read</source>
        <translation>%1&#xa0;: impossible de marquer comme lu</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Message from the %1 server</source>
        <translation>Message du serveur du compte %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1: could not open your mail</source>
        <translation>%1&#xa0;: impossible d’ouvrir votre courrier</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>About Idlebell</source>
        <translation>À propos d’Idlebell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;Idlebell %1&lt;/h3&gt;&lt;p&gt;Tells you the moment new mail arrives: one IMAP connection per account, kept open with IDLE, so the server pushes new mail to it.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Idlebell %1&lt;/h3&gt;&lt;p&gt;Vous avertit dès qu’un nouveau courriel arrive&#xa0;: une connexion IMAP par compte, maintenue ouverte avec IDLE, pour que le serveur signale aussitôt le nouveau courrier.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>ui::Notifier</name>
    <message>
        <location filename="../src/ui/Notifier.cpp" line="+453"/>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mark as read</source>
        <translation>Marquer comme lu</translation>
    </message>
    <message>
        <location line="+205"/>
        <source>Unknown sender</source>
        <translation>Expéditeur inconnu</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(no subject)</source>
        <translation>(sans objet)</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+6"/>
        <source>New message</source>
        <translation>Nouveau message</translation>
    </message>
    <message numerus="yes">
        <location line="-5"/>
        <location line="+5"/>
        <source>%n new messages</source>
        <translation>
            <numerusform>%n nouveau message</numerusform>
            <numerusform>%n nouveaux messages</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 new message in %1</source>
        <translation>1 nouveau message dans %1</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n new messages in %1</source>
        <translation>
            <numerusform>%n nouveau message dans %1</numerusform>
            <numerusform>%n nouveaux messages dans %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>and %n more</source>
        <translation>
            <numerusform>et %n autre</numerusform>
            <numerusform>et %n autres</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::SettingsDialog</name>
    <message>
        <location filename="../src/ui/SettingsDialog.cpp" line="+77"/>
        <source>Idlebell Settings</source>
        <translation>Paramètres d’Idlebell</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>&amp;Accounts</source>
        <translation>&amp;Comptes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;General</source>
        <translation>&amp;Général</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Email address</source>
        <translation>Adresse e-mail</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Server</source>
        <translation>Serveur</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Uncheck an account to stop watching it without removing it.</source>
        <translation>Décochez un compte pour ne plus le surveiller sans le supprimer.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A&amp;dd…</source>
        <translation>A&amp;jouter…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Edit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+288"/>
        <source>&amp;Remove</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <location line="-283"/>
        <source>No account yet. Add your mail account to be told the moment new mail arrives.</source>
        <translation>Aucun compte pour l’instant. Ajoutez votre compte de messagerie pour être averti dès qu’un nouveau courriel arrive.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Checked accounts are watched. Passwords are kept in the system keyring.</source>
        <translation>Les comptes cochés sont surveillés. Les mots de passe sont conservés dans le trousseau du système.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Notifications</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show a &amp;notification for new mail</source>
        <translation>Afficher une &amp;notification pour le nouveau courrier</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Hide sender and subject in notifications (privacy)</source>
        <translation>&amp;Masquer l’expéditeur et l’objet dans les notifications (confidentialité)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Combine into one notification when more messages arrive at once than:</source>
        <translation>&amp;Regrouper en une seule notification quand il arrive à la fois plus de messages que&#xa0;:</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Quiet hours</source>
        <translation>Heures calmes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;No popups</source>
        <translation>Aucune &amp;fenêtre contextuelle</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;from</source>
        <translation>&amp;de</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;to</source>
        <translation>&amp;à</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The quiet time may wrap past midnight (22:00 to 07:00). Meanwhile the unread count in the tray stays live; popups wait and are summarised when the quiet hours end.</source>
        <translation>La plage calme peut passer minuit (22:00 à 07:00). Pendant ce temps, le nombre de messages non lus dans la zone de notification reste à jour&#xa0;; les fenêtres contextuelles attendent et sont résumées à la fin des heures calmes.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Startup</source>
        <translation>Démarrage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Start Idlebell when I log in</source>
        <translation>Démarrer Idlebell à l’&amp;ouverture de session</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Some settings in %1 could not be used:</source>
        <translation>Certains paramètres de %1 n’ont pas pu être utilisés&#xa0;:</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>%1 (unencrypted)</source>
        <translation>%1 (non chiffré)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Watched. Uncheck to pause this account.</source>
        <translation>Surveillé. Décochez pour mettre ce compte en pause.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not watched. Check to watch this account.</source>
        <translation>Non surveillé. Cochez pour surveiller ce compte.</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>Remove Account</source>
        <translation>Supprimer le compte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the account &quot;%1&quot;?</source>
        <translation>Supprimer le compte «&#xa0;%1&#xa0;»&#xa0;?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Idlebell stops watching it and forgets its settings and stored password. Your mail on the server is not touched.</source>
        <translation>Idlebell cesse de le surveiller et oublie ses paramètres et son mot de passe enregistré. Votre courrier sur le serveur n’est pas modifié.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Account &quot;%1&quot;: %2</source>
        <translation>Compte «&#xa0;%1&#xa0;»&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>The settings could not be saved: %1</source>
        <translation>Les paramètres n’ont pas pu être enregistrés&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+34"/>
        <location line="+71"/>
        <source>Storing the password in the keyring…</source>
        <translation>Enregistrement du mot de passe dans le trousseau…</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>No keyring is available: keep the password for this run only?</source>
        <translation>Aucun trousseau n’est disponible&#xa0;: garder le mot de passe pour cette session seulement&#xa0;?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The password could not be stored in the keyring: keep it for this run only?</source>
        <translation>Le mot de passe n’a pas pu être enregistré dans le trousseau&#xa0;: le garder pour cette session seulement&#xa0;?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password of %1</source>
        <translation>Mot de passe de %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1

If you keep it for this run only, Idlebell forgets it when it quits and asks for it again next time.</source>
        <translation>%1

Si vous le gardez pour cette session seulement, Idlebell l’oublie en quittant et le redemandera la prochaine fois.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The password of &quot;%1&quot; was not stored.</source>
        <translation>Le mot de passe de «&#xa0;%1&#xa0;» n’a pas été enregistré.</translation>
    </message>
</context>
<context>
    <name>ui::SingleInstance</name>
    <message>
        <location filename="../src/ui/SingleInstance.cpp" line="+92"/>
        <source>Cannot create the lock file %1.</source>
        <translation>Impossible de créer le fichier de verrou %1.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cannot listen on %1: %2</source>
        <translation>Impossible d’écouter sur %1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Another Idlebell is running but does not answer (%1).</source>
        <translation>Une autre instance d’Idlebell est en cours d’exécution mais ne répond pas (%1).</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Could not reach the running Idlebell: %1</source>
        <translation>Impossible de joindre l’instance d’Idlebell en cours d’exécution&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The running Idlebell did not understand the request.</source>
        <translation>L’instance d’Idlebell en cours d’exécution n’a pas compris la demande.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The running Idlebell did not answer in time.</source>
        <translation>L’instance d’Idlebell en cours d’exécution n’a pas répondu à temps.</translation>
    </message>
</context>
<context>
    <name>ui::TrayController</name>
    <message>
        <location filename="../src/ui/TrayController.cpp" line="+123"/>
        <source>No account yet</source>
        <translation>Aucun compte pour l’instant</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Mute for…</source>
        <translation>Sourdine pendant…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>1 hour</source>
        <translation>1 heure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>4 hours</source>
        <translation>4 heures</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Until tomorrow morning (%1)</source>
        <translation>Jusqu’à demain matin (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Until I unmute</source>
        <translation>Jusqu’à ce que je la désactive</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+75"/>
        <source>Unmute</source>
        <translation>Désactiver la sourdine</translation>
    </message>
    <message>
        <location line="-71"/>
        <source>Check all now</source>
        <translation>Tout vérifier maintenant</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Settings…</source>
        <translation>Paramètres…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>About Idlebell</source>
        <translation>À propos d’Idlebell</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check now</source>
        <translation>Vérifier maintenant</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No click action is set for this account (Settings)</source>
        <translation>Aucune action au clic n’est réglée pour ce compte (Paramètres)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Unmute (muted until %1)</source>
        <translation>Désactiver la sourdine (active jusqu’à %1)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Settings incomplete</source>
        <translation>Paramètres incomplets</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No password</source>
        <translation>Aucun mot de passe</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stopped</source>
        <translation>Arrêté</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Login refused</source>
        <translation>Identification refusée</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Certificate not trusted</source>
        <translation>Certificat non approuvé</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Secure connection failed</source>
        <translation>Échec de la connexion sécurisée</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connection not secure</source>
        <translation>Connexion non sûre</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Settings problem</source>
        <translation>Problème de paramètres</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Folder cannot be opened</source>
        <translation>Impossible d’ouvrir le dossier</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Server error</source>
        <translation>Erreur du serveur</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Server unavailable</source>
        <translation>Serveur indisponible</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot connect</source>
        <translation>Connexion impossible</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Server not answering</source>
        <translation>Le serveur ne répond pas</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Reconnecting…</source>
        <translation>Reconnexion…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Polling every minute</source>
        <translation>Vérification toutes les minutes</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>Polling every %n min</source>
        <translation>
            <numerusform>Vérification à intervalle de %n min</numerusform>
            <numerusform>Vérification toutes les %n min</numerusform>
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
        <translation>%1&#xa0;: %2&#xa0;: %3</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: reconnecting…</source>
        <translation>%1&#xa0;: reconnexion…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: reconnecting (%2)</source>
        <translation>%1&#xa0;: reconnexion (%2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: connecting…</source>
        <translation>%1&#xa0;: connexion…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>1 unread</source>
        <translation>1 non lu</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n unread</source>
        <translation>
            <numerusform>%n non lu</numerusform>
            <numerusform>%n non lus</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>checking every minute (no IDLE)</source>
        <translation>vérification toutes les minutes (pas d’IDLE)</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>checking every %n minutes (no IDLE)</source>
        <translation>
            <numerusform>vérification à intervalle de %n minute (pas d’IDLE)</numerusform>
            <numerusform>vérification toutes les %n minutes (pas d’IDLE)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>reconnecting…</source>
        <translation>reconnexion…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>reconnecting (%1)</source>
        <translation>reconnexion (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no unread mail</source>
        <translation>aucun message non lu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Notifications are off</source>
        <translation>Les notifications sont désactivées</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Muted until you unmute</source>
        <translation>En sourdine jusqu’à ce que vous la désactiviez</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Muted until %1</source>
        <translation>En sourdine jusqu’à %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Muted until tomorrow, %1</source>
        <translation>En sourdine jusqu’à demain, %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Muted until %1, %2</source>
        <translation>En sourdine jusqu’au %1, %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quiet hours until %1</source>
        <translation>Heures calmes jusqu’à %1</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Idlebell</source>
        <translation>Idlebell</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No account to watch: add one in Settings.</source>
        <translation>Aucun compte à surveiller&#xa0;: ajoutez-en un dans les paramètres.</translation>
    </message>
</context>
</TS>
