<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
    <context>
        <name>AboutDialog</name>
        <message>
            <source>A desktop messenger for support agents, on the Unipile API.</source>
            <translation>Ein Desktop-Messenger für den Kundensupport, auf Basis der Unipile-API.</translation>
        </message>
        <message>
            <source>About {app}</source>
            <translation>Über {app}</translation>
        </message>
        <message>
            <source>Connection:</source>
            <translation>Verbindung:</translation>
        </message>
        <message>
            <source>Server:</source>
            <translation>Server:</translation>
        </message>
        <message>
            <source>API key:</source>
            <translation>API-Schlüssel:</translation>
        </message>
        <message>
            <source>Keyring:</source>
            <translation>Schlüsselbund:</translation>
        </message>
        <message>
            <source>{backend} — a system keyring</source>
            <translation>{backend} – ein System-Schlüsselbund</translation>
        </message>
        <message>
            <source>{backend} — not a system keyring, so keys cannot be saved</source>
            <translation>{backend} – kein System-Schlüsselbund, daher können keine Schlüssel gespeichert werden</translation>
        </message>
    </context>
    <context>
        <name>AccountChoice</name>
        <message>
            <source>Write from {account} on {provider}</source>
            <translation>Von {account} auf {provider} schreiben</translation>
        </message>
        <message>
            <source>This account cannot send right now ({reason}). Reconnect it in the Unipile dashboard.</source>
            <translation>Dieses Konto kann gerade nicht senden ({reason}). Verbinden Sie es im Unipile-Dashboard neu.</translation>
        </message>
    </context>
    <context>
        <name>AccountPicker</name>
        <message>
            <source>All accounts</source>
            <translation>Alle Konten</translation>
        </message>
        <message>
            <source>Chats of every connected account, newest first</source>
            <translation>Chats aller verbundenen Konten, neueste zuerst</translation>
        </message>
        <message>
            <source>Account</source>
            <translation>Konto</translation>
        </message>
        <message>
            <source>{account} — {status}</source>
            <translation>{account} – {status}</translation>
        </message>
        <message>
            <source>{provider}: {account}</source>
            <translation>{provider}: {account}</translation>
        </message>
        <message>
            <source>Status: {status}. Reconnect this account in the Unipile dashboard.</source>
            <translation>Status: {status}. Verbinden Sie dieses Konto im Unipile-Dashboard neu.</translation>
        </message>
    </context>
    <context>
        <name>Accounts</name>
        <message>
            <source>reconnect needed</source>
            <translation>Neuverbindung erforderlich</translation>
        </message>
        <message>
            <source>error</source>
            <translation>Fehler</translation>
        </message>
        <message>
            <source>stopped</source>
            <translation>gestoppt</translation>
        </message>
        <message>
            <source>permissions missing</source>
            <translation>Berechtigungen fehlen</translation>
        </message>
        <message>
            <source>connecting…</source>
            <translation>wird verbunden…</translation>
        </message>
    </context>
    <context>
        <name>Announcer</name>
        <message>
            <source>Message sent</source>
            <translation>Nachricht gesendet</translation>
        </message>
        <message>
            <source>Message in another chat sent</source>
            <translation>Nachricht in einem anderen Chat gesendet</translation>
        </message>
        <message>
            <source>Attachment</source>
            <translation>Anhang</translation>
        </message>
        <message>
            <source>New message from {sender}: {text}</source>
            <translation>Neue Nachricht von {sender}: {text}</translation>
        </message>
        <message>
            <source>New message from {sender}</source>
            <translation>Neue Nachricht von {sender}</translation>
        </message>
        <message numerus="yes">
            <source>%n new message(s), the last from {sender}: {text}</source>
            <translation>
                <numerusform>%Ln neue Nachricht von {sender}: {text}</numerusform>
                <numerusform>%Ln neue Nachrichten, die letzte von {sender}: {text}</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n new message(s), the last from {sender}</source>
            <translation>
                <numerusform>%Ln neue Nachricht von {sender}</numerusform>
                <numerusform>%Ln neue Nachrichten, die letzte von {sender}</numerusform>
            </translation>
        </message>
        <message>
            <source>Message not sent</source>
            <translation>Nachricht nicht gesendet</translation>
        </message>
        <message>
            <source>Message not sent: {reason}</source>
            <translation>Nachricht nicht gesendet: {reason}</translation>
        </message>
        <message>
            <source>Message to {chat} not sent</source>
            <translation>Nachricht an {chat} nicht gesendet</translation>
        </message>
        <message>
            <source>Message to {chat} not sent: {reason}</source>
            <translation>Nachricht an {chat} nicht gesendet: {reason}</translation>
        </message>
        <message>
            <source>Message in another chat not sent</source>
            <translation>Nachricht in einem anderen Chat nicht gesendet</translation>
        </message>
        <message>
            <source>Message in another chat not sent: {reason}</source>
            <translation>Nachricht in einem anderen Chat nicht gesendet: {reason}</translation>
        </message>
        <message>
            <source>Not sure the message was sent</source>
            <translation>Unklar, ob die Nachricht gesendet wurde</translation>
        </message>
        <message>
            <source>Not sure the message was sent: {reason}</source>
            <translation>Unklar, ob die Nachricht gesendet wurde: {reason}</translation>
        </message>
        <message>
            <source>Not sure the message to {chat} was sent</source>
            <translation>Unklar, ob die Nachricht an {chat} gesendet wurde</translation>
        </message>
        <message>
            <source>Not sure the message to {chat} was sent: {reason}</source>
            <translation>Unklar, ob die Nachricht an {chat} gesendet wurde: {reason}</translation>
        </message>
        <message>
            <source>Not sure the message in another chat was sent</source>
            <translation>Unklar, ob die Nachricht in einem anderen Chat gesendet wurde</translation>
        </message>
        <message>
            <source>Not sure the message in another chat was sent: {reason}</source>
            <translation>Unklar, ob die Nachricht in einem anderen Chat gesendet wurde: {reason}</translation>
        </message>
        <message>
            <source>Message to {chat} sent</source>
            <translation>Nachricht an {chat} gesendet</translation>
        </message>
        <message>
            <source>Not sent</source>
            <translation>Nicht gesendet</translation>
        </message>
    </context>
    <context>
        <name>ApiClient</name>
        <message>
            <source>“{dsn}” is not a server address like api1.unipile.com:13111.</source>
            <translation>„{dsn}“ ist keine Serveradresse wie api1.unipile.com:13111.</translation>
        </message>
        <message>
            <source>The connection to the server was lost.</source>
            <translation>Die Verbindung zum Server wurde unterbrochen.</translation>
        </message>
        <message>
            <source>The server address is empty.</source>
            <translation>Die Serveradresse ist leer.</translation>
        </message>
        <message>
            <source>Plain http is only allowed for this computer (localhost, 127.0.0.1): elsewhere it would send the API key unencrypted. Use https.</source>
            <translation>Unverschlüsseltes http ist nur für diesen Computer erlaubt (localhost, 127.0.0.1): Überall sonst würde der API-Schlüssel unverschlüsselt gesendet. Verwenden Sie https.</translation>
        </message>
        <message>
            <source>The server took longer than {seconds} s to answer, so the app stopped waiting. Nothing was changed.</source>
            <translation>Der Server hat nicht innerhalb von {seconds} s geantwortet, daher wartet die App nicht länger. Es wurde nichts geändert.</translation>
        </message>
        <message>
            <source>The server took longer than {seconds} s to answer, so the app stopped waiting. It may still have done it.</source>
            <translation>Der Server hat nicht innerhalb von {seconds} s geantwortet, daher wartet die App nicht länger. Möglicherweise wurde die Aktion trotzdem ausgeführt.</translation>
        </message>
        <message>
            <source>The server did not answer in time (connecting).</source>
            <translation>Der Server hat nicht rechtzeitig geantwortet (beim Verbindungsaufbau).</translation>
        </message>
        <message>
            <source>Could not connect to the server. Check the address and your connection.</source>
            <translation>Keine Verbindung zum Server möglich. Prüfen Sie die Adresse und Ihre Internetverbindung.</translation>
        </message>
        <message>
            <source>Too many requests are waiting; the app is busy.</source>
            <translation>Zu viele Anfragen warten; die App ist ausgelastet.</translation>
        </message>
        <message>
            <source>The server did not answer in time.</source>
            <translation>Der Server hat nicht rechtzeitig geantwortet.</translation>
        </message>
        <message>
            <source>The server address is not valid.</source>
            <translation>Die Serveradresse ist ungültig.</translation>
        </message>
        <message>
            <source>The server's security certificate could not be verified.</source>
            <translation>Das Sicherheitszertifikat des Servers konnte nicht überprüft werden.</translation>
        </message>
        <message>
            <source>The request contained characters that cannot be sent.</source>
            <translation>Die Anfrage enthielt Zeichen, die nicht gesendet werden können.</translation>
        </message>
        <message>
            <source>“{dsn}” has an invalid port.</source>
            <translation>„{dsn}“ hat einen ungültigen Port.</translation>
        </message>
        <message>
            <source>The connection was closed.</source>
            <translation>Die Verbindung wurde geschlossen.</translation>
        </message>
    </context>
    <context>
        <name>ApiErrors</name>
        <message>
            <source>The API key is missing. Enter your Unipile API key in the connection settings.</source>
            <translation>Der API-Schlüssel fehlt. Geben Sie Ihren Unipile-API-Schlüssel in den Verbindungseinstellungen ein.</translation>
        </message>
        <message>
            <source>The API key was rejected. Check the key in the connection settings.</source>
            <translation>Der API-Schlüssel wurde abgelehnt. Prüfen Sie den Schlüssel in den Verbindungseinstellungen.</translation>
        </message>
        <message>
            <source>This account's sign-in with the provider has expired. Reconnect it in the Unipile dashboard.</source>
            <translation>Die Anmeldung dieses Kontos beim Anbieter ist abgelaufen. Verbinden Sie es im Unipile-Dashboard neu.</translation>
        </message>
        <message>
            <source>The provider asks this account to confirm its identity. Reconnect it in the Unipile dashboard.</source>
            <translation>Der Anbieter verlangt, dass dieses Konto seine Identität bestätigt. Verbinden Sie es im Unipile-Dashboard neu.</translation>
        </message>
        <message>
            <source>This account is disconnected from Unipile. Reconnect it in the Unipile dashboard, then try again.</source>
            <translation>Dieses Konto ist nicht mehr mit Unipile verbunden. Verbinden Sie es im Unipile-Dashboard neu und versuchen Sie es dann erneut.</translation>
        </message>
        <message>
            <source>LinkedIn Recruiter is open in another session. Close the other session, then try again.</source>
            <translation>LinkedIn Recruiter ist in einer anderen Sitzung geöffnet. Schließen Sie die andere Sitzung und versuchen Sie es dann erneut.</translation>
        </message>
        <message>
            <source>This account is not allowed to do that.</source>
            <translation>Dieses Konto ist dazu nicht berechtigt.</translation>
        </message>
        <message>
            <source>The provider has restricted this account. Check it in the provider's app.</source>
            <translation>Der Anbieter hat dieses Konto eingeschränkt. Prüfen Sie es in der App des Anbieters.</translation>
        </message>
        <message>
            <source>This account does not have that LinkedIn product (Recruiter or Sales Navigator).</source>
            <translation>Dieses Konto hat dieses LinkedIn-Produkt nicht (Recruiter oder Sales Navigator).</translation>
        </message>
        <message>
            <source>This needs a paid subscription on the provider.</source>
            <translation>Dafür ist ein kostenpflichtiges Abo beim Anbieter nötig.</translation>
        </message>
        <message>
            <source>It no longer exists on the server (it may have been deleted).</source>
            <translation>Das Element existiert nicht mehr auf dem Server (es wurde möglicherweise gelöscht).</translation>
        </message>
        <message>
            <source>The server did not recognise that identifier.</source>
            <translation>Der Server hat diese Kennung nicht erkannt.</translation>
        </message>
        <message>
            <source>The server refused the format of the request. This is a bug in the app.</source>
            <translation>Der Server hat das Format der Anfrage abgelehnt. Das ist ein Fehler in der App.</translation>
        </message>
        <message>
            <source>The message or attachment is too large for this provider.</source>
            <translation>Die Nachricht oder der Anhang ist für diesen Anbieter zu groß.</translation>
        </message>
        <message>
            <source>The message is too long for this provider. Shorten it and send again.</source>
            <translation>Die Nachricht ist für diesen Anbieter zu lang. Kürzen Sie sie und senden Sie sie erneut.</translation>
        </message>
        <message>
            <source>The server refused the request as invalid.</source>
            <translation>Der Server hat die Anfrage als ungültig abgelehnt.</translation>
        </message>
        <message>
            <source>Something required was missing: a message needs text or an attachment.</source>
            <translation>Etwas Erforderliches fehlte: Eine Nachricht braucht Text oder einen Anhang.</translation>
        </message>
        <message>
            <source>That recipient cannot be found on this account.</source>
            <translation>Dieser Empfänger wurde in diesem Konto nicht gefunden.</translation>
        </message>
        <message>
            <source>You can only message your LinkedIn connections without InMail. Turn on InMail or invite this person first.</source>
            <translation>Ohne InMail können Sie nur Ihren LinkedIn-Kontakten schreiben. Aktivieren Sie InMail oder laden Sie diese Person zuerst ein.</translation>
        </message>
        <message>
            <source>This person has blocked messages from this account.</source>
            <translation>Diese Person hat Nachrichten von diesem Konto blockiert.</translation>
        </message>
        <message>
            <source>This person cannot be reached on this provider right now.</source>
            <translation>Diese Person ist über diesen Anbieter gerade nicht erreichbar.</translation>
        </message>
        <message>
            <source>This LinkedIn account cannot send InMail. It needs a Premium subscription.</source>
            <translation>Dieses LinkedIn-Konto kann keine InMails senden. Dafür ist ein Premium-Abo nötig.</translation>
        </message>
        <message>
            <source>No InMail credits left for this LinkedIn product. Wait for credits to renew or pick another API.</source>
            <translation>Für dieses LinkedIn-Produkt sind keine InMail-Credits mehr übrig. Warten Sie, bis die Credits erneuert werden, oder wählen Sie eine andere API.</translation>
        </message>
        <message>
            <source>The provider does not allow sending this again yet. Try again later.</source>
            <translation>Der Anbieter erlaubt noch nicht, dies erneut zu senden. Versuchen Sie es später noch einmal.</translation>
        </message>
        <message>
            <source>The provider does not allow sending this again within 24 hours.</source>
            <translation>Der Anbieter erlaubt nicht, dies innerhalb von 24 Stunden erneut zu senden.</translation>
        </message>
        <message>
            <source>The provider's sending limit for this account is reached. Try again later.</source>
            <translation>Das Sendelimit des Anbieters für dieses Konto ist erreicht. Versuchen Sie es später erneut.</translation>
        </message>
        <message>
            <source>The provider does not allow sending messages in this conversation.</source>
            <translation>Der Anbieter erlaubt in dieser Unterhaltung keine Nachrichten.</translation>
        </message>
        <message>
            <source>The provider refused this message.</source>
            <translation>Der Anbieter hat diese Nachricht abgelehnt.</translation>
        </message>
        <message>
            <source>This conversation cannot be used on the provider any more.</source>
            <translation>Diese Unterhaltung kann beim Anbieter nicht mehr verwendet werden.</translation>
        </message>
        <message>
            <source>The provider (LinkedIn, WhatsApp, …) could not be reached. Try again shortly.</source>
            <translation>Der Anbieter (LinkedIn, WhatsApp, …) war nicht erreichbar. Versuchen Sie es gleich noch einmal.</translation>
        </message>
        <message>
            <source>The provider is refusing more requests for now. The app will try again shortly.</source>
            <translation>Der Anbieter nimmt vorerst keine weiteren Anfragen an. Die App versucht es gleich erneut.</translation>
        </message>
        <message>
            <source>This provider does not support that action.</source>
            <translation>Dieser Anbieter unterstützt diese Aktion nicht.</translation>
        </message>
        <message>
            <source>The provider took too long to answer.</source>
            <translation>Der Anbieter hat zu lange für die Antwort gebraucht.</translation>
        </message>
        <message>
            <source>This account cannot do that (for example, it is not a LinkedIn account).</source>
            <translation>Dieses Konto kann das nicht (zum Beispiel, weil es kein LinkedIn-Konto ist).</translation>
        </message>
        <message>
            <source>The provider could not process this request as it is.</source>
            <translation>Der Anbieter konnte diese Anfrage in dieser Form nicht verarbeiten.</translation>
        </message>
        <message>
            <source>That was already done on the provider.</source>
            <translation>Das ist beim Anbieter bereits geschehen.</translation>
        </message>
        <message>
            <source>The provider refused this post.</source>
            <translation>Der Anbieter hat diesen Beitrag abgelehnt.</translation>
        </message>
        <message>
            <source>This person already has an invitation from this account, or was invited recently. Wait before inviting them again.</source>
            <translation>Diese Person hat bereits eine Einladung von diesem Konto oder wurde vor Kurzem eingeladen. Warten Sie, bevor Sie sie erneut einladen.</translation>
        </message>
        <message>
            <source>LinkedIn does not allow inviting this person (they may already be a connection).</source>
            <translation>LinkedIn erlaubt nicht, diese Person einzuladen (möglicherweise ist sie bereits ein Kontakt).</translation>
        </message>
        <message>
            <source>The request asked for too many items at once.</source>
            <translation>Die Anfrage hat zu viele Elemente auf einmal angefordert.</translation>
        </message>
        <message>
            <source>The provider did not allow this action for this account.</source>
            <translation>Der Anbieter hat diese Aktion für dieses Konto nicht erlaubt.</translation>
        </message>
        <message>
            <source>This account's configuration on Unipile is incomplete. Check it in the Unipile dashboard.</source>
            <translation>Die Konfiguration dieses Kontos bei Unipile ist unvollständig. Prüfen Sie sie im Unipile-Dashboard.</translation>
        </message>
        <message>
            <source>The account's connection to the provider is still starting. Try again in a moment.</source>
            <translation>Die Verbindung des Kontos zum Anbieter wird noch aufgebaut. Versuchen Sie es gleich noch einmal.</translation>
        </message>
        <message>
            <source>The email being replied to no longer exists.</source>
            <translation>Die E-Mail, auf die Sie antworten, existiert nicht mehr.</translation>
        </message>
        <message>
            <source>The reply's subject is not valid for this email thread.</source>
            <translation>Der Betreff der Antwort ist für diesen E-Mail-Verlauf ungültig.</translation>
        </message>
        <message>
            <source>The email headers were refused.</source>
            <translation>Die E-Mail-Header wurden abgelehnt.</translation>
        </message>
        <message>
            <source>This mailbox may not send as that address.</source>
            <translation>Dieses Postfach darf nicht unter dieser Adresse senden.</translation>
        </message>
        <message>
            <source>That mail folder does not exist.</source>
            <translation>Dieser E-Mail-Ordner existiert nicht.</translation>
        </message>
        <message>
            <source>The mail server refused the sender address.</source>
            <translation>Der Mailserver hat die Absenderadresse abgelehnt.</translation>
        </message>
        <message>
            <source>The mail server refused a recipient address.</source>
            <translation>Der Mailserver hat eine Empfängeradresse abgelehnt.</translation>
        </message>
        <message>
            <source>The mail server refused the connection from Unipile.</source>
            <translation>Der Mailserver hat die Verbindung von Unipile abgelehnt.</translation>
        </message>
        <message>
            <source>The invitation note is too long: LinkedIn allows at most 300 characters. Shorten it and send again.</source>
            <translation>Die Einladungsnotiz ist zu lang: LinkedIn erlaubt höchstens 300 Zeichen. Kürzen Sie sie und senden Sie sie erneut.</translation>
        </message>
        <message>
            <source>LinkedIn's invitation limit for this account is reached (it counts invitations per week). Try again later.</source>
            <translation>Das Einladungslimit von LinkedIn für dieses Konto ist erreicht (gezählt werden Einladungen pro Woche). Versuchen Sie es später erneut.</translation>
        </message>
        <message>
            <source>Something went wrong talking to Unipile.</source>
            <translation>Bei der Kommunikation mit Unipile ist ein Fehler aufgetreten.</translation>
        </message>
        <message>
            <source>Unipile refused the API key.</source>
            <translation>Unipile hat den API-Schlüssel abgelehnt.</translation>
        </message>
        <message>
            <source>It no longer exists on the server.</source>
            <translation>Das Element existiert nicht mehr auf dem Server.</translation>
        </message>
        <message>
            <source>The server refused the request.</source>
            <translation>Der Server hat die Anfrage abgelehnt.</translation>
        </message>
        <message>
            <source>Too many requests for now. The app will try again shortly.</source>
            <translation>Im Moment zu viele Anfragen. Die App versucht es gleich erneut.</translation>
        </message>
        <message>
            <source>Unipile had a problem. Try again in a moment.</source>
            <translation>Bei Unipile ist ein Problem aufgetreten. Versuchen Sie es gleich noch einmal.</translation>
        </message>
        <message>
            <source>Could not reach the server. Check the connection.</source>
            <translation>Der Server ist nicht erreichbar. Prüfen Sie die Verbindung.</translation>
        </message>
        <message>
            <source>The server answered something the app could not read.</source>
            <translation>Der Server hat eine Antwort gesendet, die die App nicht lesen konnte.</translation>
        </message>
        <message>
            <source>The server's answer was too large; it was not read.</source>
            <translation>Die Antwort des Servers war zu groß; sie wurde nicht gelesen.</translation>
        </message>
    </context>
    <context>
        <name>ApiKeyDialog</name>
        <message>
            <source>&amp;Use this key</source>
            <translation>Diesen Schlüssel &amp;verwenden</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Abbrechen</translation>
        </message>
        <message>
            <source>Checking the key…</source>
            <translation>Schlüssel wird geprüft…</translation>
        </message>
        <message>
            <source>API key rejected</source>
            <translation>API-Schlüssel abgelehnt</translation>
        </message>
        <message>
            <source>Paste the new API key</source>
            <translation>Neuen API-Schlüssel einfügen</translation>
        </message>
        <message>
            <source>Unipile rejected the API key of the profile “{profile}”. It may have been revoked or replaced. Enter the current key from the Unipile dashboard; nothing you typed is lost.</source>
            <translation>Unipile hat den API-Schlüssel des Profils „{profile}“ abgelehnt. Er wurde möglicherweise widerrufen oder ersetzt. Geben Sie den aktuellen Schlüssel aus dem Unipile-Dashboard ein; nichts von dem, was Sie eingegeben haben, geht verloren.</translation>
        </message>
    </context>
    <context>
        <name>ApiModels</name>
        <message>
            <source>The attachment “{name}” is no longer at {path}. Attach it again.</source>
            <translation>Der Anhang „{name}“ befindet sich nicht mehr unter {path}. Hängen Sie ihn erneut an.</translation>
        </message>
        <message>
            <source>The attachment “{name}” could not be read ({reason}).</source>
            <translation>Der Anhang „{name}“ konnte nicht gelesen werden ({reason}).</translation>
        </message>
    </context>
    <context>
        <name>Application</name>
        <message>
            <source>The profile could not be opened</source>
            <translation>Das Profil konnte nicht geöffnet werden</translation>
        </message>
    </context>
    <context>
        <name>AttachmentChips</name>
        <message>
            <source>Attach files</source>
            <translation>Dateien anhängen</translation>
        </message>
        <message>
            <source>Remove {name}</source>
            <translation>{name} entfernen</translation>
        </message>
        <message>
            <source>{name} · {size}</source>
            <translation>{name} · {size}</translation>
        </message>
    </context>
    <context>
        <name>AttachmentDownloads</name>
        <message>
            <source>“{name}” could be a program, so it is not opened directly. Use Save as… and check it first.</source>
            <translation>„{name}“ könnte ein Programm sein und wird daher nicht direkt geöffnet. Verwenden Sie „Speichern unter…“ und prüfen Sie die Datei zuerst.</translation>
        </message>
        <message>
            <source>Could not prepare the downloads folder: {reason}.</source>
            <translation>Der Download-Ordner konnte nicht vorbereitet werden: {reason}.</translation>
        </message>
        <message>
            <source>Could not download the attachment. {reason}</source>
            <translation>Der Anhang konnte nicht heruntergeladen werden. {reason}</translation>
        </message>
        <message>
            <source>Could not write “{name}”: {reason}.</source>
            <translation>„{name}“ konnte nicht geschrieben werden: {reason}.</translation>
        </message>
    </context>
    <context>
        <name>Banner</name>
        <message>
            <source>Details…</source>
            <translation>Details…</translation>
        </message>
        <message>
            <source>Show the whole message</source>
            <translation>Ganze Meldung anzeigen</translation>
        </message>
        <message>
            <source>Dismiss</source>
            <translation>Ausblenden</translation>
        </message>
        <message>
            <source>Dismiss error</source>
            <translation>Fehlermeldung ausblenden</translation>
        </message>
        <message>
            <source>Details</source>
            <translation>Details</translation>
        </message>
        <message>
            <source>(×{count})</source>
            <translation>(×{count})</translation>
        </message>
    </context>
    <context>
        <name>BubbleDelegate</name>
        <message>
            <source>Show whole message</source>
            <translation>Ganze Nachricht anzeigen</translation>
        </message>
    </context>
    <context>
        <name>BubbleLayout</name>
        <message>
            <source>Not sure this was sent</source>
            <translation>Unklar, ob dies gesendet wurde</translation>
        </message>
        <message>
            <source>Sent twice</source>
            <translation>Doppelt gesendet</translation>
        </message>
        <message>
            <source>Retry</source>
            <translation>Erneut versuchen</translation>
        </message>
        <message>
            <source>Edit</source>
            <translation>Bearbeiten</translation>
        </message>
        <message>
            <source>Discard</source>
            <translation>Verwerfen</translation>
        </message>
        <message>
            <source>Check again</source>
            <translation>Erneut prüfen</translation>
        </message>
        <message>
            <source>Send again</source>
            <translation>Erneut senden</translation>
        </message>
        <message>
            <source>It was sent</source>
            <translation>Wurde gesendet</translation>
        </message>
        <message>
            <source>Not sent.</source>
            <translation>Nicht gesendet.</translation>
        </message>
        <message>
            <source>Not sure this was sent.</source>
            <translation>Unklar, ob dies gesendet wurde.</translation>
        </message>
        <message>
            <source>Save as…</source>
            <translation>Speichern unter…</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Öffnen</translation>
        </message>
        <message>
            <source>edited</source>
            <translation>bearbeitet</translation>
        </message>
        <message>
            <source>Sending…</source>
            <translation>Wird gesendet…</translation>
        </message>
        <message>
            <source>Waiting to send</source>
            <translation>Wartet auf Versand</translation>
        </message>
        <message>
            <source>Not sent. {error}</source>
            <translation>Nicht gesendet. {error}</translation>
        </message>
        <message>
            <source>Not sure this was sent. {error}</source>
            <translation>Unklar, ob dies gesendet wurde. {error}</translation>
        </message>
        <message>
            <source>Checking whether it arrived…</source>
            <translation>Zustellung wird geprüft…</translation>
        </message>
        <message>
            <source>Not sent</source>
            <translation>Nicht gesendet</translation>
        </message>
        <message>
            <source>Seen</source>
            <translation>Gesehen</translation>
        </message>
    </context>
    <context>
        <name>BubblePainter</name>
        <message>
            <source>Load picture</source>
            <translation>Bild laden</translation>
        </message>
        <message>
            <source>FILE</source>
            <translation>DAT</translation>
        </message>
        <message>
            <source>AUD</source>
            <translation>AUD</translation>
        </message>
        <message>
            <source>Unavailable</source>
            <translation>Nicht verfügbar</translation>
        </message>
        <message>
            <source>VID</source>
            <translation>VID</translation>
        </message>
        <message>
            <source>Image unavailable</source>
            <translation>Bild nicht verfügbar</translation>
        </message>
        <message>
            <source>Loading image…</source>
            <translation>Bild wird geladen…</translation>
        </message>
        <message>
            <source>Load picture ({size})</source>
            <translation>Bild laden ({size})</translation>
        </message>
        <message>
            <source>Attached file</source>
            <translation>Angehängte Datei</translation>
        </message>
    </context>
    <context>
        <name>CannedReplies</name>
        <message>
            <source>Fill in {names} and {last} before sending.</source>
            <translation>Füllen Sie {names} und {last} vor dem Senden aus.</translation>
        </message>
        <message>
            <source>Fill in {name} before sending.</source>
            <translation>Füllen Sie {name} vor dem Senden aus.</translation>
        </message>
        <message>
            <source>The file holds no canned replies.</source>
            <translation>Die Datei enthält keine Textbausteine.</translation>
        </message>
        <message>
            <source>Give the reply a title.</source>
            <translation>Geben Sie dem Textbaustein einen Titel.</translation>
        </message>
        <message>
            <source>The file holds {count} replies; at most {limit} can be imported.</source>
            <translation>Die Datei enthält {count} Textbausteine; höchstens {limit} können importiert werden.</translation>
        </message>
        <message numerus="yes">
            <source>…and %n more problem(s).</source>
            <translation>
                <numerusform>…und %Ln weiteres Problem.</numerusform>
                <numerusform>…und %Ln weitere Probleme.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Canned replies imported: %n added.</source>
            <translation>
                <numerusform>Textbausteine importiert: %Ln hinzugefügt.</numerusform>
                <numerusform>Textbausteine importiert: %Ln hinzugefügt.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Canned replies imported: %n updated.</source>
            <translation>
                <numerusform>Textbausteine importiert: %Ln aktualisiert.</numerusform>
                <numerusform>Textbausteine importiert: %Ln aktualisiert.</numerusform>
            </translation>
        </message>
        <message>
            <source>it is not an object with a title, a shortcut and a text.</source>
            <translation>es ist kein Objekt mit Titel, Kürzel und Text.</translation>
        </message>
        <message>
            <source>the {first} and the {second} and the {third} must be text.</source>
            <translation>die Felder „{first}“, „{second}“ und „{third}“ müssen Text sein.</translation>
        </message>
        <message>
            <source>The title “{title}…” is longer than {limit} characters.</source>
            <translation>Der Titel „{title}…“ ist länger als {limit} Zeichen.</translation>
        </message>
        <message>
            <source>The shortcut “{shortcut}” must be one word, without spaces, “/” or braces.</source>
            <translation>Das Kürzel „{shortcut}“ muss ein einzelnes Wort sein, ohne Leerzeichen, „/“ oder geschweifte Klammern.</translation>
        </message>
        <message>
            <source>The shortcut “{shortcut}…” is longer than {limit} characters.</source>
            <translation>Das Kürzel „{shortcut}…“ ist länger als {limit} Zeichen.</translation>
        </message>
        <message>
            <source>The reply “{title}” has no text.</source>
            <translation>Der Textbaustein „{title}“ hat keinen Text.</translation>
        </message>
        <message>
            <source>The text of “{title}” is longer than {limit} characters.</source>
            <translation>Der Text von „{title}“ ist länger als {limit} Zeichen.</translation>
        </message>
        <message>
            <source>That canned reply no longer exists.</source>
            <translation>Dieser Textbaustein existiert nicht mehr.</translation>
        </message>
        <message>
            <source>The file is not a canned replies file from Unipile Desktop.</source>
            <translation>Die Datei ist keine Textbaustein-Datei von Unipile Desktop.</translation>
        </message>
        <message>
            <source>The file does not say which version of the format it uses.</source>
            <translation>Die Datei gibt nicht an, welche Version des Formats sie verwendet.</translation>
        </message>
        <message>
            <source>The file was written by a newer version of Unipile Desktop; update the app to import it.</source>
            <translation>Die Datei wurde von einer neueren Version von Unipile Desktop erstellt; aktualisieren Sie die App, um sie zu importieren.</translation>
        </message>
        <message>
            <source>The file has no list of replies.</source>
            <translation>Die Datei enthält keine Liste von Textbausteinen.</translation>
        </message>
        <message>
            <source>the shortcut /{shortcut} is also used by reply {number}.</source>
            <translation>das Kürzel /{shortcut} wird auch von Textbaustein {number} verwendet.</translation>
        </message>
        <message>
            <source>the {field} must be text.</source>
            <translation>das Feld „{field}“ muss Text sein.</translation>
        </message>
        <message>
            <source>the {field} is missing.</source>
            <translation>das Feld „{field}“ fehlt.</translation>
        </message>
        <message>
            <source>the {first} and the {second} must be text.</source>
            <translation>die Felder „{first}“ und „{second}“ müssen Text sein.</translation>
        </message>
        <message>
            <source>the {first} and the {second} are missing.</source>
            <translation>die Felder „{first}“ und „{second}“ fehlen.</translation>
        </message>
        <message>
            <source>Nothing was imported: {errors}</source>
            <translation>Es wurde nichts importiert: {errors}</translation>
        </message>
        <message>
            <source>Canned replies imported: {added} added, {updated} updated.</source>
            <translation>Textbausteine importiert: {added} hinzugefügt, {updated} aktualisiert.</translation>
        </message>
        <message>
            <source>The shortcut /{shortcut} is already used by “{title}”.</source>
            <translation>Das Kürzel /{shortcut} wird bereits von „{title}“ verwendet.</translation>
        </message>
        <message>
            <source>The file is not valid JSON.</source>
            <translation>Die Datei ist kein gültiges JSON.</translation>
        </message>
        <message>
            <source>Reply {number}: {problem}</source>
            <translation>Textbaustein {number}: {problem}</translation>
        </message>
        <message>
            <source>The file is not valid JSON (line {line}).</source>
            <translation>Die Datei ist kein gültiges JSON (Zeile {line}).</translation>
        </message>
        <message>
            <source>Fill this in before sending</source>
            <translation>Vor dem Senden ausfüllen</translation>
        </message>
        <message>
            <source>the customer's first name (in a one-to-one chat)</source>
            <translation>der Vorname des Kunden (in einem Einzelchat)</translation>
        </message>
        <message>
            <source>the customer's full name (in a one-to-one chat)</source>
            <translation>der vollständige Name des Kunden (in einem Einzelchat)</translation>
        </message>
        <message>
            <source>the name of the account the chat belongs to</source>
            <translation>der Name des Kontos, zu dem der Chat gehört</translation>
        </message>
        <message>
            <source>your name, as set in the canned replies window</source>
            <translation>Ihr Name, wie im Fenster „Textbausteine“ festgelegt</translation>
        </message>
        <message>
            <source>today's date, written the short way for your language</source>
            <translation>das heutige Datum, im Kurzformat Ihrer Sprache</translation>
        </message>
        <message>
            <source>{{ and }} write a brace. A variable without a value stays marked in the message to fill in.</source>
            <translation>{{ und }} ergeben eine geschweifte Klammer. Eine Variable ohne Wert bleibt in der Nachricht markiert, damit Sie sie ausfüllen.</translation>
        </message>
        <message>
            <source>Canned replies</source>
            <translation>Textbausteine</translation>
        </message>
        <message>
            <source>Select a reply to edit it</source>
            <translation>Wählen Sie einen Textbaustein aus, um ihn zu bearbeiten</translation>
        </message>
        <message>
            <source>New</source>
            <translation>Neu</translation>
        </message>
        <message>
            <source>Delete…</source>
            <translation>Löschen…</translation>
        </message>
        <message>
            <source>Move up</source>
            <translation>Nach oben</translation>
        </message>
        <message>
            <source>Move down</source>
            <translation>Nach unten</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>Titel</translation>
        </message>
        <message>
            <source>one word, typed after / in a message</source>
            <translation>ein Wort, das in einer Nachricht nach / getippt wird</translation>
        </message>
        <message>
            <source>Shortcut word</source>
            <translation>Kürzel</translation>
        </message>
        <message>
            <source>One word; typing / and the word in a message inserts the reply</source>
            <translation>Ein Wort; wenn Sie / und das Wort in einer Nachricht tippen, wird der Textbaustein eingefügt</translation>
        </message>
        <message>
            <source>Hello {first_name}, …</source>
            <translation>Hallo {first_name}, …</translation>
        </message>
        <message>
            <source>Text</source>
            <translation>Text</translation>
        </message>
        <message>
            <source>The reply; variables in braces are filled in when it is inserted</source>
            <translation>Der Text des Bausteins; Variablen in geschweiften Klammern werden beim Einfügen ausgefüllt</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Speichern</translation>
        </message>
        <message>
            <source>Your name</source>
            <translation>Ihr Name</translation>
        </message>
        <message>
            <source>Fills the {agent_name} variable of every reply</source>
            <translation>Füllt die Variable {agent_name} in allen Textbausteinen</translation>
        </message>
        <message>
            <source>&amp;Title</source>
            <translation>&amp;Titel</translation>
        </message>
        <message>
            <source>&amp;Shortcut word</source>
            <translation>&amp;Kürzel</translation>
        </message>
        <message>
            <source>Te&amp;xt</source>
            <translation>Te&amp;xt</translation>
        </message>
        <message>
            <source>Your &amp;name ({agent_name})</source>
            <translation>Ihr &amp;Name ({agent_name})</translation>
        </message>
        <message>
            <source>Import…</source>
            <translation>Importieren…</translation>
        </message>
        <message>
            <source>Export…</source>
            <translation>Exportieren…</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Schließen</translation>
        </message>
        <message>
            <source>Delete canned reply</source>
            <translation>Textbaustein löschen</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Löschen</translation>
        </message>
        <message>
            <source>Import canned replies</source>
            <translation>Textbausteine importieren</translation>
        </message>
        <message>
            <source>Export canned replies</source>
            <translation>Textbausteine exportieren</translation>
        </message>
        <message>
            <source>{{{variable}}}: {meaning}</source>
            <translation>{{{variable}}}: {meaning}</translation>
        </message>
        <message numerus="yes">
            <source>Exported canned replies to “{file}”: %n in all.</source>
            <translation>
                <numerusform>%Ln Textbaustein nach „{file}“ exportiert.</numerusform>
                <numerusform>%Ln Textbausteine nach „{file}“ exportiert.</numerusform>
            </translation>
        </message>
        <message>
            <source>Saved “{title}”.</source>
            <translation>„{title}“ gespeichert.</translation>
        </message>
        <message>
            <source>Delete the canned reply “{title}”?</source>
            <translation>Textbaustein „{title}“ löschen?</translation>
        </message>
        <message>
            <source>All files</source>
            <translation>Alle Dateien</translation>
        </message>
        <message>
            <source>it is not UTF-8 text</source>
            <translation>es ist kein UTF-8-Text</translation>
        </message>
        <message>
            <source>“{file}” is too large to be a canned replies file.</source>
            <translation>„{file}“ ist zu groß für eine Textbaustein-Datei.</translation>
        </message>
        <message>
            <source>Could not read “{file}”: {reason}.</source>
            <translation>„{file}“ konnte nicht gelesen werden: {reason}.</translation>
        </message>
        <message>
            <source>Could not write “{file}”: {reason}.</source>
            <translation>„{file}“ konnte nicht geschrieben werden: {reason}.</translation>
        </message>
        <message>
            <source>{title}, shortcut /{shortcut}</source>
            <translation>{title}, Kürzel /{shortcut}</translation>
        </message>
        <message>
            <source>Enter inserts · Esc keeps the text as typed</source>
            <translation>Eingabetaste fügt ein · Esc behält den Text wie getippt</translation>
        </message>
        <message>
            <source>No canned replies yet.</source>
            <translation>Noch keine Textbausteine.</translation>
        </message>
        <message>
            <source>No canned reply matches “{query}”.</source>
            <translation>Kein Textbaustein passt zu „{query}“.</translation>
        </message>
    </context>
    <context>
        <name>CertificateCheck</name>
        <message>
            <source>The server's certificate was not trusted by this computer. On a company network, ask IT to install its root certificate in the system's certificate store.</source>
            <translation>Dieser Computer stuft das Zertifikat des Servers nicht als vertrauenswürdig ein. Bitten Sie in einem Firmennetzwerk die IT, ihr Stammzertifikat im Zertifikatspeicher des Systems zu installieren.</translation>
        </message>
        <message>
            <source>The server's certificate has expired.</source>
            <translation>Das Zertifikat des Servers ist abgelaufen.</translation>
        </message>
        <message>
            <source>The server's certificate is for another address; check the server address.</source>
            <translation>Das Zertifikat des Servers gilt für eine andere Adresse; prüfen Sie die Serveradresse.</translation>
        </message>
        <message>
            <source>The server's certificate was not trusted by this computer (issued by {issuer}). On a company network, ask IT to install its root certificate in the system's certificate store.</source>
            <translation>Dieser Computer stuft das Zertifikat des Servers nicht als vertrauenswürdig ein (ausgestellt von {issuer}). Bitten Sie in einem Firmennetzwerk die IT, ihr Stammzertifikat im Zertifikatspeicher des Systems zu installieren.</translation>
        </message>
        <message>
            <source>The server's certificate has expired (issued by {issuer}).</source>
            <translation>Das Zertifikat des Servers ist abgelaufen (ausgestellt von {issuer}).</translation>
        </message>
        <message>
            <source>The server's certificate is for another address (issued by {issuer}); check the server address.</source>
            <translation>Das Zertifikat des Servers gilt für eine andere Adresse (ausgestellt von {issuer}); prüfen Sie die Serveradresse.</translation>
        </message>
    </context>
    <context>
        <name>ChatList</name>
        <message>
            <source>Draft:</source>
            <translation>Entwurf:</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>Wird geladen…</translation>
        </message>
        <message>
            <source>InMail</source>
            <translation>InMail</translation>
        </message>
        <message>
            <source>Chats</source>
            <translation>Chats</translation>
        </message>
        <message>
            <source>Alt+Up and Alt+Down open the previous and next chat; the Chat menu acts on the open one</source>
            <translation>Alt+Pfeil nach oben und Alt+Pfeil nach unten öffnen den vorherigen und den nächsten Chat; das Menü „Chat“ wirkt auf den geöffneten</translation>
        </message>
        <message>
            <source>Mark as read</source>
            <translation>Als gelesen markieren</translation>
        </message>
        <message>
            <source>Mark as unread</source>
            <translation>Als ungelesen markieren</translation>
        </message>
        <message>
            <source>{provider} · {account}</source>
            <translation>{provider} · {account}</translation>
        </message>
        <message>
            <source>{count}+</source>
            <translation>{count}+</translation>
        </message>
    </context>
    <context>
        <name>ChatQueue</name>
        <message>
            <source>Snooze</source>
            <translation>Zurückstellen</translation>
        </message>
        <message>
            <source>Mute notifications</source>
            <translation>Benachrichtigungen stummschalten</translation>
        </message>
        <message>
            <source>notifications muted</source>
            <translation>Benachrichtigungen stummgeschaltet</translation>
        </message>
        <message>
            <source>Reopen</source>
            <translation>Wieder öffnen</translation>
        </message>
        <message>
            <source>Mark done</source>
            <translation>Als erledigt markieren</translation>
        </message>
        <message>
            <source>{status}, notifications muted</source>
            <translation>{status}, Benachrichtigungen stummgeschaltet</translation>
        </message>
        <message>
            <source>Snoozed</source>
            <translation>Zurückgestellt</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>Erledigt</translation>
        </message>
        <message>
            <source>Snoozed until {time}</source>
            <translation>Zurückgestellt bis {time}</translation>
        </message>
    </context>
    <context>
        <name>Chats</name>
        <message>
            <source>Message deleted</source>
            <translation>Nachricht gelöscht</translation>
        </message>
        <message>
            <source>Photo</source>
            <translation>Foto</translation>
        </message>
        <message>
            <source>Video</source>
            <translation>Video</translation>
        </message>
        <message numerus="yes">
            <source>📎 %n attachment(s)</source>
            <translation>
                <numerusform>📎 %Ln Anhang</numerusform>
                <numerusform>📎 %Ln Anhänge</numerusform>
            </translation>
        </message>
        <message>
            <source>You: {text}</source>
            <translation>Sie: {text}</translation>
        </message>
        <message>
            <source>{name}: {text}</source>
            <translation>{name}: {text}</translation>
        </message>
        <message>
            <source>Audio</source>
            <translation>Audio</translation>
        </message>
        <message>
            <source>File</source>
            <translation>Datei</translation>
        </message>
    </context>
    <context>
        <name>CheatSheet</name>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>Tastenkürzel</translation>
        </message>
        <message>
            <source>{action}: {keys}</source>
            <translation>{action}: {keys}</translation>
        </message>
    </context>
    <context>
        <name>Composer</name>
        <message>
            <source>Write a message… (Enter sends, Shift+Enter for a new line)</source>
            <translation>Nachricht schreiben… (Eingabetaste sendet, Umschalt+Eingabetaste für eine neue Zeile)</translation>
        </message>
        <message>
            <source>Message text</source>
            <translation>Nachrichtentext</translation>
        </message>
        <message>
            <source>Enter sends; Shift+Enter starts a new line; / inserts a canned reply</source>
            <translation>Eingabetaste sendet; Umschalt+Eingabetaste beginnt eine neue Zeile; / fügt einen Textbaustein ein</translation>
        </message>
        <message>
            <source>Attach…</source>
            <translation>Anhängen…</translation>
        </message>
        <message>
            <source>Attach files</source>
            <translation>Dateien anhängen</translation>
        </message>
        <message>
            <source>Choose files to send with the message</source>
            <translation>Dateien auswählen, die mit der Nachricht gesendet werden</translation>
        </message>
        <message>
            <source>Send</source>
            <translation>Senden</translation>
        </message>
        <message>
            <source>Send message</source>
            <translation>Nachricht senden</translation>
        </message>
        <message>
            <source>Select a conversation</source>
            <translation>Wählen Sie eine Unterhaltung aus</translation>
        </message>
        <message>
            <source>There are no canned replies yet: add them in the Canned replies window.</source>
            <translation>Es gibt noch keine Textbausteine: Legen Sie sie im Fenster „Textbausteine“ an.</translation>
        </message>
        <message>
            <source>Type a message or attach a file</source>
            <translation>Nachricht eingeben oder Datei anhängen</translation>
        </message>
        <message>
            <source>Send (Enter)</source>
            <translation>Senden (Eingabetaste)</translation>
        </message>
        <message>
            <source>Select a conversation first.</source>
            <translation>Wählen Sie zuerst eine Unterhaltung aus.</translation>
        </message>
    </context>
    <context>
        <name>Connection</name>
        <message>
            <source>Demo data on this computer</source>
            <translation>Demodaten auf diesem Computer</translation>
        </message>
        <message>
            <source>No connection profile is saved yet. Add one with “{command} add NAME --dsn DSN” (the API key is read from standard input), set {dsn} and {key}, or use --demo.</source>
            <translation>Es ist noch kein Verbindungsprofil gespeichert. Legen Sie eines mit „{command} add NAME --dsn DSN“ an (der API-Schlüssel wird von der Standardeingabe gelesen), setzen Sie {dsn} und {key} oder verwenden Sie --demo.</translation>
        </message>
        <message>
            <source>{name} · {host} · key for this session only</source>
            <translation>{name} · {host} · Schlüssel nur für diese Sitzung</translation>
        </message>
        <message>
            <source>{present} is set but {missing} is not. Set both, or neither to use a saved profile.</source>
            <translation>{present} ist gesetzt, {missing} aber nicht. Setzen Sie beide – oder keine, um ein gespeichertes Profil zu verwenden.</translation>
        </message>
        <message>
            <source>Connected to {host}</source>
            <translation>Verbunden mit {host}</translation>
        </message>
        <message>
            <source>{variable} is not usable: {reason}</source>
            <translation>{variable} ist nicht verwendbar: {reason}</translation>
        </message>
    </context>
    <context>
        <name>ConnectionCheck</name>
        <message>
            <source>The connection test failed unexpectedly ({error}).</source>
            <translation>Der Verbindungstest ist unerwartet fehlgeschlagen ({error}).</translation>
        </message>
        <message>
            <source>The server at {host} rejected the API key. Copy the key again from the Unipile dashboard and check that it belongs to this DSN.</source>
            <translation>Der Server {host} hat den API-Schlüssel abgelehnt. Kopieren Sie den Schlüssel erneut aus dem Unipile-Dashboard und prüfen Sie, ob er zu diesem DSN gehört.</translation>
        </message>
        <message>
            <source>Could not reach {host}. Check the DSN (host and port) and your network connection.</source>
            <translation>{host} ist nicht erreichbar. Prüfen Sie den DSN (Host und Port) und Ihre Netzwerkverbindung.</translation>
        </message>
        <message>
            <source>The server at {host} did not answer in time. Check the DSN and your network, then try again.</source>
            <translation>Der Server {host} hat nicht rechtzeitig geantwortet. Prüfen Sie den DSN und Ihr Netzwerk und versuchen Sie es dann erneut.</translation>
        </message>
        <message>
            <source>The secure connection to {host} failed: {reason} Check the DSN; on a company network, ask IT whether HTTPS traffic is intercepted.</source>
            <translation>Die sichere Verbindung zu {host} ist fehlgeschlagen: {reason} Prüfen Sie den DSN; fragen Sie in einem Firmennetzwerk die IT, ob HTTPS-Verkehr abgefangen wird.</translation>
        </message>
    </context>
    <context>
        <name>ConnectionDialog</name>
        <message>
            <source>Connection works: the server accepted the key.</source>
            <translation>Die Verbindung funktioniert: Der Server hat den Schlüssel akzeptiert.</translation>
        </message>
        <message numerus="yes">
            <source>Connection works: the server accepted the key and lists %n account(s).</source>
            <translation>
                <numerusform>Die Verbindung funktioniert: Der Server hat den Schlüssel akzeptiert und listet %Ln Konto auf.</numerusform>
                <numerusform>Die Verbindung funktioniert: Der Server hat den Schlüssel akzeptiert und listet %Ln Konten auf.</numerusform>
            </translation>
        </message>
        <message>
            <source>Enter your Unipile DSN and an API key from the Unipile dashboard. The key is kept only in your system keyring, never in a file.</source>
            <translation>Geben Sie Ihren Unipile-DSN und einen API-Schlüssel aus dem Unipile-Dashboard ein. Der Schlüssel wird nur im Schlüsselbund Ihres Systems aufbewahrt, nie in einer Datei.</translation>
        </message>
        <message>
            <source>Support</source>
            <comment>an example profile name</comment>
            <translation>Support</translation>
        </message>
        <message>
            <source>Profile name</source>
            <translation>Profilname</translation>
        </message>
        <message>
            <source>DSN</source>
            <translation>DSN</translation>
        </message>
        <message>
            <source>host:port from the Unipile dashboard, or a full https:// address</source>
            <translation>host:port aus dem Unipile-Dashboard oder eine vollständige https://-Adresse</translation>
        </message>
        <message>
            <source>Profile &amp;name:</source>
            <translation>Profil&amp;name:</translation>
        </message>
        <message>
            <source>&amp;DSN:</source>
            <translation>&amp;DSN:</translation>
        </message>
        <message>
            <source>API &amp;key:</source>
            <translation>&amp;API-Schlüssel:</translation>
        </message>
        <message>
            <source>Connection test result</source>
            <translation>Ergebnis des Verbindungstests</translation>
        </message>
        <message>
            <source>&amp;Test connection</source>
            <translation>Verbindung &amp;testen</translation>
        </message>
        <message>
            <source>Try the &amp;demo</source>
            <translation>Demo aus&amp;probieren</translation>
        </message>
        <message>
            <source>Open the app on built-in sample data; no Unipile account needed</source>
            <translation>Öffnet die App mit eingebauten Beispieldaten; kein Unipile-Konto nötig</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Abbrechen</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>&amp;Speichern</translation>
        </message>
        <message>
            <source>Testing the connection…</source>
            <translation>Verbindung wird getestet…</translation>
        </message>
        <message>
            <source>Edit connection</source>
            <translation>Verbindung bearbeiten</translation>
        </message>
        <message>
            <source>Connect to Unipile</source>
            <translation>Mit Unipile verbinden</translation>
        </message>
        <message>
            <source>Paste the API key</source>
            <translation>API-Schlüssel einfügen</translation>
        </message>
        <message>
            <source>Leave empty to keep the saved key</source>
            <translation>Leer lassen, um den gespeicherten Schlüssel zu behalten</translation>
        </message>
        <message>
            <source>A profile named “{name}” already exists. Choose another name.</source>
            <translation>Ein Profil namens „{name}“ existiert bereits. Wählen Sie einen anderen Namen.</translation>
        </message>
    </context>
    <context>
        <name>Conversation</name>
        <message>
            <source>That message is no longer in this chat.</source>
            <translation>Diese Nachricht ist nicht mehr in diesem Chat.</translation>
        </message>
        <message>
            <source>Conversation</source>
            <translation>Unterhaltung</translation>
        </message>
        <message>
            <source>You</source>
            <translation>Sie</translation>
        </message>
        <message>
            <source>Could not mark the conversation as read. {reason}</source>
            <translation>Die Unterhaltung konnte nicht als gelesen markiert werden. {reason}</translation>
        </message>
        <message>
            <source>Could not mark the conversation as unread. {reason}</source>
            <translation>Die Unterhaltung konnte nicht als ungelesen markiert werden. {reason}</translation>
        </message>
        <message>
            <source>Could not load the messages. {reason}</source>
            <translation>Die Nachrichten konnten nicht geladen werden. {reason}</translation>
        </message>
        <message>
            <source>Could not load newer messages. {reason}</source>
            <translation>Neuere Nachrichten konnten nicht geladen werden. {reason}</translation>
        </message>
        <message>
            <source>Could not load older messages. {reason}</source>
            <translation>Ältere Nachrichten konnten nicht geladen werden. {reason}</translation>
        </message>
    </context>
    <context>
        <name>ConversationHeader</name>
        <message>
            <source>LinkedIn</source>
            <translation>LinkedIn</translation>
        </message>
        <message>
            <source>WhatsApp</source>
            <translation>WhatsApp</translation>
        </message>
        <message>
            <source>Instagram</source>
            <translation>Instagram</translation>
        </message>
        <message>
            <source>Messenger</source>
            <translation>Messenger</translation>
        </message>
        <message>
            <source>Telegram</source>
            <translation>Telegram</translation>
        </message>
        <message numerus="yes">
            <source>{names} and %n more</source>
            <translation>
                <numerusform>{names} und %Ln weitere Person</numerusform>
                <numerusform>{names} und %Ln weitere Personen</numerusform>
            </translation>
        </message>
        <message>
            <source>On the {provider} account “{account}”</source>
            <translation>Über das {provider}-Konto „{account}“</translation>
        </message>
        <message>
            <source>Unknown provider</source>
            <translation>Unbekannter Anbieter</translation>
        </message>
        <message>
            <source>InMail</source>
            <translation>InMail</translation>
        </message>
        <message>
            <source>A LinkedIn InMail conversation</source>
            <translation>Eine LinkedIn-InMail-Unterhaltung</translation>
        </message>
        <message>
            <source>Read-only</source>
            <translation>Schreibgeschützt</translation>
        </message>
        <message>
            <source>Mark as read</source>
            <translation>Als gelesen markieren</translation>
        </message>
        <message>
            <source>Tell the provider this conversation was read</source>
            <translation>Dem Anbieter mitteilen, dass diese Unterhaltung gelesen wurde</translation>
        </message>
        <message>
            <source>Mark as unread</source>
            <translation>Als ungelesen markieren</translation>
        </message>
        <message>
            <source>Mark this conversation unread again</source>
            <translation>Diese Unterhaltung wieder als ungelesen markieren</translation>
        </message>
        <message>
            <source>A {provider} conversation</source>
            <translation>Eine {provider}-Unterhaltung</translation>
        </message>
    </context>
    <context>
        <name>ConversationPane</name>
        <message>
            <source>Select a conversation</source>
            <translation>Wählen Sie eine Unterhaltung aus</translation>
        </message>
        <message>
            <source>Save attachment</source>
            <translation>Anhang speichern</translation>
        </message>
        <message>
            <source>This conversation is read-only.</source>
            <translation>Diese Unterhaltung ist schreibgeschützt.</translation>
        </message>
        <message>
            <source>Loading messages…</source>
            <translation>Nachrichten werden geladen…</translation>
        </message>
        <message>
            <source>No messages yet</source>
            <translation>Noch keine Nachrichten</translation>
        </message>
        <message>
            <source>Marked as read</source>
            <translation>Als gelesen markiert</translation>
        </message>
        <message>
            <source>Marked as unread</source>
            <translation>Als ungelesen markiert</translation>
        </message>
        <message>
            <source>Saved “{name}”</source>
            <translation>„{name}“ gespeichert</translation>
        </message>
        <message>
            <source>“{name}” could be a program. Use Save as… and check it before opening.</source>
            <translation>„{name}“ könnte ein Programm sein. Verwenden Sie „Speichern unter…“ und prüfen Sie die Datei vor dem Öffnen.</translation>
        </message>
        <message>
            <source>Opening “{name}”…</source>
            <translation>„{name}“ wird geöffnet…</translation>
        </message>
    </context>
    <context>
        <name>ConversationSends</name>
        <message>
            <source>Open a conversation first.</source>
            <translation>Öffnen Sie zuerst eine Unterhaltung.</translation>
        </message>
        <message>
            <source>This conversation is read-only.</source>
            <translation>Diese Unterhaltung ist schreibgeschützt.</translation>
        </message>
        <message>
            <source>There is nothing to send.</source>
            <translation>Es gibt nichts zu senden.</translation>
        </message>
        <message>
            <source>Not sent.</source>
            <translation>Nicht gesendet.</translation>
        </message>
    </context>
    <context>
        <name>CrashDialog</name>
        <message>
            <source>Error report</source>
            <translation>Fehlerbericht</translation>
        </message>
        <message>
            <source>Copy report</source>
            <translation>Bericht kopieren</translation>
        </message>
        <message>
            <source>Open log folder</source>
            <translation>Protokollordner öffnen</translation>
        </message>
        <message numerus="yes">
            <source>Something went wrong inside {app}. The app is still running, but the last action may not have finished. It has happened %n time(s) since the app started. If it keeps happening, copy this report (it contains no API key) and send it to your IT contact together with the log file.</source>
            <translation>
                <numerusform>In {app} ist ein interner Fehler aufgetreten. Die App läuft weiter, aber die letzte Aktion wurde möglicherweise nicht abgeschlossen. Das ist seit dem Start der App %Ln Mal passiert. Wenn es immer wieder vorkommt, kopieren Sie diesen Bericht (er enthält keinen API-Schlüssel) und senden Sie ihn zusammen mit der Protokolldatei an Ihre IT-Ansprechperson.</numerusform>
                <numerusform>In {app} ist ein interner Fehler aufgetreten. Die App läuft weiter, aber die letzte Aktion wurde möglicherweise nicht abgeschlossen. Das ist seit dem Start der App %Ln Mal passiert. Wenn es immer wieder vorkommt, kopieren Sie diesen Bericht (er enthält keinen API-Schlüssel) und senden Sie ihn zusammen mit der Protokolldatei an Ihre IT-Ansprechperson.</numerusform>
            </translation>
        </message>
        <message>
            <source>Something went wrong inside {app}. The app is still running, but the last action may not have finished. If it keeps happening, copy this report (it contains no API key) and send it to your IT contact together with the log file.</source>
            <translation>In {app} ist ein interner Fehler aufgetreten. Die App läuft weiter, aber die letzte Aktion wurde möglicherweise nicht abgeschlossen. Wenn es immer wieder vorkommt, kopieren Sie diesen Bericht (er enthält keinen API-Schlüssel) und senden Sie ihn zusammen mit der Protokolldatei an Ihre IT-Ansprechperson.</translation>
        </message>
        <message>
            <source>No log file could be written on this computer.</source>
            <translation>Auf diesem Computer konnte keine Protokolldatei geschrieben werden.</translation>
        </message>
        <message>
            <source>{app} — unexpected error</source>
            <translation>{app} – unerwarteter Fehler</translation>
        </message>
        <message>
            <source>The log file is {path}</source>
            <translation>Die Protokolldatei liegt unter {path}</translation>
        </message>
    </context>
    <context>
        <name>CustomerCard</name>
        <message>
            <source>That chat is no longer on this computer.</source>
            <translation>Dieser Chat ist nicht mehr auf diesem Computer.</translation>
        </message>
        <message>
            <source>Customer card (show / hide)</source>
            <translation>Kundenkarte (ein-/ausblenden)</translation>
        </message>
        <message>
            <source>The chat this note was written from is no longer on this computer.</source>
            <translation>Der Chat, aus dem diese Notiz geschrieben wurde, ist nicht mehr auf diesem Computer.</translation>
        </message>
        <message numerus="yes">
            <source>updated %n day(s) ago</source>
            <translation>
                <numerusform>vor %Ln Tag aktualisiert</numerusform>
                <numerusform>vor %Ln Tagen aktualisiert</numerusform>
            </translation>
        </message>
        <message>
            <source>updated just now</source>
            <translation>gerade aktualisiert</translation>
        </message>
        <message numerus="yes">
            <source>updated %n min ago</source>
            <translation>
                <numerusform>vor %Ln Min. aktualisiert</numerusform>
                <numerusform>vor %Ln Min. aktualisiert</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>updated %n h ago</source>
            <translation>
                <numerusform>vor %Ln Std. aktualisiert</numerusform>
                <numerusform>vor %Ln Std. aktualisiert</numerusform>
            </translation>
        </message>
        <message>
            <source>The profile could not be loaded.</source>
            <translation>Das Profil konnte nicht geladen werden.</translation>
        </message>
        <message>
            <source>The API gives no profile for this provider: this is what the chat knows.</source>
            <translation>Die API liefert für diesen Anbieter kein Profil; hier steht, was aus dem Chat bekannt ist.</translation>
        </message>
        <message>
            <source>The profile could not be loaded ({reason}).</source>
            <translation>Das Profil konnte nicht geladen werden ({reason}).</translation>
        </message>
        <message>
            <source>Private notes</source>
            <translation>Private Notizen</translation>
        </message>
        <message>
            <source>Private — never sent to the customer</source>
            <translation>Privat – wird nie an den Kunden gesendet</translation>
        </message>
        <message>
            <source>Private notes about this person</source>
            <translation>Private Notizen zu dieser Person</translation>
        </message>
        <message>
            <source>Write a private note about this person…</source>
            <translation>Private Notiz zu dieser Person schreiben…</translation>
        </message>
        <message>
            <source>Private note</source>
            <translation>Private Notiz</translation>
        </message>
        <message>
            <source>Add note</source>
            <translation>Notiz hinzufügen</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Abbrechen</translation>
        </message>
        <message>
            <source>Edit</source>
            <translation>Bearbeiten</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Löschen</translation>
        </message>
        <message>
            <source>Private note, never sent</source>
            <translation>Private Notiz, wird nie gesendet</translation>
        </message>
        <message>
            <source>Save note</source>
            <translation>Notiz speichern</translation>
        </message>
        <message>
            <source>{created} (edited {updated})</source>
            <translation>{created} (bearbeitet {updated})</translation>
        </message>
        <message>
            <source>1st-degree connection</source>
            <translation>Kontakt 1. Grades</translation>
        </message>
        <message>
            <source>2nd-degree connection</source>
            <translation>Kontakt 2. Grades</translation>
        </message>
        <message>
            <source>3rd-degree connection</source>
            <translation>Kontakt 3. Grades</translation>
        </message>
        <message>
            <source>Out of network</source>
            <translation>Außerhalb des Netzwerks</translation>
        </message>
        <message>
            <source>Customer card</source>
            <translation>Kundenkarte</translation>
        </message>
        <message>
            <source>Open a conversation to see who it is with.</source>
            <translation>Öffnen Sie eine Unterhaltung, um zu sehen, mit wem sie geführt wird.</translation>
        </message>
        <message>
            <source>Members</source>
            <translation>Mitglieder</translation>
        </message>
        <message>
            <source>Members of the group</source>
            <translation>Mitglieder der Gruppe</translation>
        </message>
        <message>
            <source>← All members</source>
            <translation>← Alle Mitglieder</translation>
        </message>
        <message>
            <source>Open public profile</source>
            <translation>Öffentliches Profil öffnen</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>Aktualisieren</translation>
        </message>
        <message>
            <source>Ask for this person's profile again now</source>
            <translation>Profil dieser Person jetzt erneut abrufen</translation>
        </message>
        <message>
            <source>Add a label (VIP, refund…) and press Enter</source>
            <translation>Label hinzufügen (VIP, Erstattung …) und Eingabetaste drücken</translation>
        </message>
        <message>
            <source>Add a label</source>
            <translation>Label hinzufügen</translation>
        </message>
        <message>
            <source>Other conversations with this person</source>
            <translation>Andere Unterhaltungen mit dieser Person</translation>
        </message>
        <message>
            <source>Loading the profile…</source>
            <translation>Profil wird geladen…</translation>
        </message>
        <message>
            <source>Labels</source>
            <translation>Labels</translation>
        </message>
        <message>
            <source>Other conversations</source>
            <translation>Andere Unterhaltungen</translation>
        </message>
        <message>
            <source>Loading who this conversation is with…</source>
            <translation>Gesprächspartner wird geladen…</translation>
        </message>
        <message numerus="yes">
            <source>%n member(s)</source>
            <translation>
                <numerusform>%Ln Mitglied</numerusform>
                <numerusform>%Ln Mitglieder</numerusform>
            </translation>
        </message>
        <message>
            <source>Invitation sent, waiting for an answer</source>
            <translation>Einladung gesendet, wartet auf Antwort</translation>
        </message>
        <message>
            <source>Looking for other conversations…</source>
            <translation>Andere Unterhaltungen werden gesucht…</translation>
        </message>
        <message>
            <source>No other conversation with this person.</source>
            <translation>Keine andere Unterhaltung mit dieser Person.</translation>
        </message>
        <message>
            <source>Remove the label “{label}”</source>
            <translation>Label „{label}“ entfernen</translation>
        </message>
        <message>
            <source>Label {label}, press to remove</source>
            <translation>Label {label}, zum Entfernen drücken</translation>
        </message>
        <message>
            <source>{title} (group)</source>
            <translation>{title} (Gruppe)</translation>
        </message>
        <message>
            <source>Username: {name}</source>
            <translation>Benutzername: {name}</translation>
        </message>
        <message>
            <source>Phone: {phone}</source>
            <translation>Telefon: {phone}</translation>
        </message>
        <message>
            <source>{age}, refreshing…</source>
            <translation>{age}, wird aktualisiert…</translation>
        </message>
    </context>
    <context>
        <name>Drafts</name>
        <message>
            <source>The draft's attachments {names} are no longer where they were. Attach them again if you still need them.</source>
            <translation>Die Anhänge {names} des Entwurfs sind nicht mehr dort, wo sie waren. Hängen Sie sie erneut an, wenn Sie sie noch brauchen.</translation>
        </message>
        <message>
            <source>The draft's attachment {names} is no longer in {folder}. Attach it again if you still need it.</source>
            <translation>Der Anhang {names} des Entwurfs ist nicht mehr in {folder}. Hängen Sie ihn erneut an, wenn Sie ihn noch brauchen.</translation>
        </message>
        <message numerus="yes">
            <source>%n attachment(s)</source>
            <translation>
                <numerusform>%Ln Anhang</numerusform>
                <numerusform>%Ln Anhänge</numerusform>
            </translation>
        </message>
        <message>
            <source>A reply, not written yet</source>
            <translation>Antwort, noch ohne Text</translation>
        </message>
    </context>
    <context>
        <name>ForeignReplyNotice</name>
        <message numerus="yes">
            <source>%n d ago</source>
            <translation>
                <numerusform>vor %Ln Tag</numerusform>
                <numerusform>vor %Ln Tagen</numerusform>
            </translation>
        </message>
        <message>
            <source>A reply was sent from this account {ago}, not from here.</source>
            <translation>Von diesem Konto wurde {ago} eine Antwort gesendet – nicht von hier aus.</translation>
        </message>
        <message>
            <source>just now</source>
            <translation>gerade eben</translation>
        </message>
        <message numerus="yes">
            <source>%n min ago</source>
            <translation>
                <numerusform>vor %Ln Min.</numerusform>
                <numerusform>vor %Ln Min.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n h ago</source>
            <translation>
                <numerusform>vor %Ln Std.</numerusform>
                <numerusform>vor %Ln Std.</numerusform>
            </translation>
        </message>
        <message>
            <source>Reply sent elsewhere</source>
            <translation>Antwort anderswo gesendet</translation>
        </message>
        <message>
            <source>Dismiss</source>
            <translation>Ausblenden</translation>
        </message>
        <message>
            <source>Dismiss the notice about a reply sent elsewhere</source>
            <translation>Hinweis auf eine anderswo gesendete Antwort ausblenden</translation>
        </message>
    </context>
    <context>
        <name>Format</name>
        <message>
            <source>HH:mm</source>
            <comment>a clock time as a QTime format: 24-hour "14:32", or "h:mm AP"</comment>
            <translation>HH:mm</translation>
        </message>
        <message>
            <source>Yesterday</source>
            <translation>Gestern</translation>
        </message>
        <message>
            <source>d MMM yyyy</source>
            <comment>an older date as a QDate format: "12 Mar 2023"</comment>
            <translation>d. MMM yyyy</translation>
        </message>
        <message>
            <source>ddd</source>
            <comment>a weekday as a QDate format: "Mon"</comment>
            <translation>ddd</translation>
        </message>
        <message>
            <source>d MMM</source>
            <comment>a date this year as a QDate format: "7 Mar"</comment>
            <translation>d. MMM</translation>
        </message>
        <message>
            <source>{size} B</source>
            <comment>a file size in bytes</comment>
            <translation>{size} B</translation>
        </message>
        <message>
            <source>{size} GB</source>
            <translation>{size} GB</translation>
        </message>
        <message>
            <source>{size} KB</source>
            <translation>{size} KB</translation>
        </message>
        <message>
            <source>{size} MB</source>
            <translation>{size} MB</translation>
        </message>
    </context>
    <context>
        <name>History</name>
        <message numerus="yes">
            <source>The whole history could not be downloaded (%n message(s) saved). {reason}</source>
            <translation>
                <numerusform>Der gesamte Verlauf konnte nicht heruntergeladen werden (%Ln Nachricht gespeichert). {reason}</numerusform>
                <numerusform>Der gesamte Verlauf konnte nicht heruntergeladen werden (%Ln Nachrichten gespeichert). {reason}</numerusform>
            </translation>
        </message>
        <message>
            <source>The history could not be saved on this computer. {reason}</source>
            <translation>Der Verlauf konnte nicht auf diesem Computer gespeichert werden. {reason}</translation>
        </message>
    </context>
    <context>
        <name>Inbox</name>
        <message>
            <source>A customer</source>
            <translation>Ein Kunde</translation>
        </message>
    </context>
    <context>
        <name>InvitationActions</name>
        <message>
            <source>Account actions: sent LinkedIn invitations</source>
            <translation>Kontoaktionen: gesendete LinkedIn-Einladungen</translation>
        </message>
        <message>
            <source>Account actions</source>
            <translation>Kontoaktionen</translation>
        </message>
        <message>
            <source>Sent LinkedIn invitations of the account</source>
            <translation>Gesendete LinkedIn-Einladungen des Kontos</translation>
        </message>
        <message>
            <source>Account</source>
            <translation>Konto</translation>
        </message>
        <message>
            <source>Sent LinkedIn &amp;invitations</source>
            <translation>Gesendete LinkedIn-&amp;Einladungen</translation>
        </message>
        <message>
            <source>Sent invitations — {account}…</source>
            <translation>Gesendete Einladungen – {account}…</translation>
        </message>
        <message>
            <source>{account}…</source>
            <translation>{account}…</translation>
        </message>
        <message>
            <source>No LinkedIn account: invitations are a LinkedIn feature</source>
            <translation>Kein LinkedIn-Konto: Einladungen sind eine LinkedIn-Funktion</translation>
        </message>
    </context>
    <context>
        <name>InvitationPanel</name>
        <message>
            <source>Optional: a note LinkedIn shows with the invitation ({limit} characters at most)</source>
            <translation>Optional: eine Notiz, die LinkedIn mit der Einladung anzeigt (höchstens {limit} Zeichen)</translation>
        </message>
        <message numerus="yes">
            <source>{first}, {second} and %n more</source>
            <translation>
                <numerusform>{first}, {second} und %Ln weitere Person</numerusform>
                <numerusform>{first}, {second} und %Ln weitere Personen</numerusform>
            </translation>
        </message>
        <message>
            <source>{names} already has an invitation pending and will not be invited again.</source>
            <translation>{names} hat bereits eine offene Einladung und wird nicht erneut eingeladen.</translation>
        </message>
        <message>
            <source>{names} is already a connection: no invitation needed (write to them separately).</source>
            <translation>{names} ist bereits ein Kontakt: Keine Einladung nötig (schreiben Sie dieser Person separat).</translation>
        </message>
        <message numerus="yes">
            <source>All %n invitations were sent.</source>
            <translation>
                <numerusform>%Ln Einladung wurde gesendet.</numerusform>
                <numerusform>Alle %Ln Einladungen wurden gesendet.</numerusform>
            </translation>
        </message>
        <message>
            <source>{count} / {limit}</source>
            <translation>{count} / {limit}</translation>
        </message>
        <message>
            <source>{names} are not 1st-degree connections, so each gets an invitation to connect (with the same note). They go one by one and each result is listed below as it comes.</source>
            <translation>{names} sind keine Kontakte 1. Grades, daher erhält jede Person eine Einladung zum Vernetzen (mit derselben Notiz). Die Einladungen werden nacheinander gesendet, und jedes Ergebnis erscheint unten, sobald es vorliegt.</translation>
        </message>
        <message>
            <source>{names} already have invitations pending and will not be invited again.</source>
            <translation>{names} haben bereits offene Einladungen und werden nicht erneut eingeladen.</translation>
        </message>
        <message>
            <source>{names} are already connections: no invitation needed (write to them separately).</source>
            <translation>{names} sind bereits Kontakte: Keine Einladung nötig (schreiben Sie ihnen separat).</translation>
        </message>
        <message>
            <source>Both invitations were sent.</source>
            <translation>Beide Einladungen wurden gesendet.</translation>
        </message>
        <message numerus="yes">
            <source>%n sent</source>
            <translation>
                <numerusform>%Ln gesendet</numerusform>
                <numerusform>%Ln gesendet</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n not sent</source>
            <translation>
                <numerusform>%Ln nicht gesendet</numerusform>
                <numerusform>%Ln nicht gesendet</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n not sure (see Sent invitations later)</source>
            <translation>
                <numerusform>%Ln unklar (später unter „Gesendete Einladungen“ prüfen)</numerusform>
                <numerusform>%Ln unklar (später unter „Gesendete Einladungen“ prüfen)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n invitations: {results}.</source>
            <translation>
                <numerusform>%Ln Einladung: {results}.</numerusform>
                <numerusform>%Ln Einladungen: {results}.</numerusform>
            </translation>
        </message>
        <message>
            <source>Invitation note</source>
            <translation>Einladungsnotiz</translation>
        </message>
        <message>
            <source>Note:</source>
            <translation>Notiz:</translation>
        </message>
        <message>
            <source>Note length</source>
            <translation>Länge der Notiz</translation>
        </message>
        <message>
            <source>Invitation results</source>
            <translation>Ergebnisse der Einladungen</translation>
        </message>
        <message numerus="yes">
            <source>%n character(s) too many: LinkedIn takes {limit} at most.</source>
            <translation>
                <numerusform>%Ln Zeichen zu viel: LinkedIn erlaubt höchstens {limit}.</numerusform>
                <numerusform>%Ln Zeichen zu viel: LinkedIn erlaubt höchstens {limit}.</numerusform>
            </translation>
        </message>
        <message>
            <source>LinkedIn takes {limit} characters at most.</source>
            <translation>LinkedIn erlaubt höchstens {limit} Zeichen.</translation>
        </message>
        <message>
            <source>{first} and {second}</source>
            <translation>{first} und {second}</translation>
        </message>
        <message>
            <source>{names} is not a 1st-degree connection, so this sends an invitation to connect. To write a message instead, {alternatives}.</source>
            <translation>{names} ist kein Kontakt 1. Grades, daher wird eine Einladung zum Vernetzen gesendet. Um stattdessen eine Nachricht zu schreiben, {alternatives}.</translation>
        </message>
        <message>
            <source>{name}: waiting…</source>
            <translation>{name}: wartet…</translation>
        </message>
        <message>
            <source>Each invitation's result is listed below.</source>
            <translation>Das Ergebnis jeder Einladung wird unten aufgeführt.</translation>
        </message>
        <message>
            <source>turn on InMail</source>
            <translation>aktivieren Sie InMail</translation>
        </message>
        <message>
            <source>Nobody here can be invited.</source>
            <translation>Hier kann niemand eingeladen werden.</translation>
        </message>
    </context>
    <context>
        <name>Invitations</name>
        <message>
            <source>This account reached LinkedIn's weekly invitation limit. Try again in a few days.</source>
            <translation>Dieses Konto hat das wöchentliche Einladungslimit von LinkedIn erreicht. Versuchen Sie es in ein paar Tagen erneut.</translation>
        </message>
        <message>
            <source>{name} was not invited. {reason}</source>
            <translation>{name} wurde nicht eingeladen. {reason}</translation>
        </message>
        <message>
            <source>Invitation sent to {name} (on the second try: the sent list showed the first had not arrived).</source>
            <translation>Einladung an {name} gesendet (im zweiten Versuch: Laut der Liste gesendeter Einladungen war die erste nicht angekommen).</translation>
        </message>
        <message>
            <source>Invitation sent to {name}.</source>
            <translation>Einladung an {name} gesendet.</translation>
        </message>
        <message>
            <source>{name} was invited recently; LinkedIn does not allow another invitation yet.</source>
            <translation>{name} wurde vor Kurzem eingeladen; LinkedIn erlaubt noch keine weitere Einladung.</translation>
        </message>
        <message>
            <source>LinkedIn does not allow inviting {name} (they may already be a connection, or accept no invitations).</source>
            <translation>LinkedIn erlaubt nicht, {name} einzuladen (die Person ist möglicherweise bereits ein Kontakt oder nimmt keine Einladungen an).</translation>
        </message>
        <message>
            <source>The note is too long for LinkedIn, so {name} was not invited. Shorten the note (free LinkedIn accounts allow fewer characters) and try again.</source>
            <translation>Die Notiz ist für LinkedIn zu lang, daher wurde {name} nicht eingeladen. Kürzen Sie die Notiz (kostenlose LinkedIn-Konten erlauben weniger Zeichen) und versuchen Sie es erneut.</translation>
        </message>
        <message numerus="yes">
            <source>The note is {length} characters long; LinkedIn allows at most {limit}. Shorten it by %n character(s).</source>
            <translation>
                <numerusform>Die Notiz ist {length} Zeichen lang; LinkedIn erlaubt höchstens {limit}. Kürzen Sie sie um %Ln Zeichen.</numerusform>
                <numerusform>Die Notiz ist {length} Zeichen lang; LinkedIn erlaubt höchstens {limit}. Kürzen Sie sie um %Ln Zeichen.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Not sure the invitation to {name} reached LinkedIn; checked the sent list: it is not there after %n attempt(s), so {name} was not invited. Try again later.</source>
            <translation>
                <numerusform>Unklar, ob die Einladung an {name} LinkedIn erreicht hat. Die Liste gesendeter Einladungen wurde geprüft: Nach %Ln Versuch ist sie nicht darin, daher wurde {name} nicht eingeladen. Versuchen Sie es später erneut.</numerusform>
                <numerusform>Unklar, ob die Einladung an {name} LinkedIn erreicht hat. Die Liste gesendeter Einladungen wurde geprüft: Nach %Ln Versuchen ist sie nicht darin, daher wurde {name} nicht eingeladen. Versuchen Sie es später erneut.</numerusform>
            </translation>
        </message>
        <message>
            <source>this person</source>
            <translation>diese Person</translation>
        </message>
        <message>
            <source>Not sure the invitation to {name} reached LinkedIn; checked the sent list: it could not be read. {reason} It will be checked again when the app starts.</source>
            <translation>Unklar, ob die Einladung an {name} LinkedIn erreicht hat. Die Liste gesendeter Einladungen konnte nicht gelesen werden. {reason} Sie wird beim nächsten Start der App erneut geprüft.</translation>
        </message>
        <message>
            <source>Invitation sent to {name} (found in the sent list after the answer was lost).</source>
            <translation>Einladung an {name} gesendet (nach der verlorenen Antwort in der Liste gesendeter Einladungen gefunden).</translation>
        </message>
        <message>
            <source>The invitation to {name} is not in the sent list; sending it again…</source>
            <translation>Die Einladung an {name} ist nicht in der Liste gesendeter Einladungen; sie wird erneut gesendet…</translation>
        </message>
        <message>
            <source>Not sure the invitation to {name} reached LinkedIn. {reason} Checking the sent list…</source>
            <translation>Unklar, ob die Einladung an {name} LinkedIn erreicht hat. {reason} Die Liste gesendeter Einladungen wird geprüft…</translation>
        </message>
        <message>
            <source>Invitation sent to {name} (the first attempt reached LinkedIn after all).</source>
            <translation>Einladung an {name} gesendet (der erste Versuch hat LinkedIn doch erreicht).</translation>
        </message>
        <message>
            <source>The sent invitations could not be loaded. {reason}</source>
            <translation>Die gesendeten Einladungen konnten nicht geladen werden. {reason}</translation>
        </message>
        <message>
            <source>The invitation to {name} is no longer waiting on LinkedIn (it was accepted or withdrawn already).</source>
            <translation>Die Einladung an {name} ist auf LinkedIn nicht mehr offen (sie wurde bereits angenommen oder zurückgezogen).</translation>
        </message>
        <message>
            <source>Inviting {name}…</source>
            <translation>{name} wird eingeladen…</translation>
        </message>
        <message>
            <source>The invitation to {name} was not withdrawn. {reason}</source>
            <translation>Die Einladung an {name} wurde nicht zurückgezogen. {reason}</translation>
        </message>
        <message>
            <source>{name} was not invited: the invitations stopped. {reason}</source>
            <translation>{name} wurde nicht eingeladen: Die Einladungen wurden abgebrochen. {reason}</translation>
        </message>
        <message>
            <source>{name} already has a pending invitation from this account; not invited again.</source>
            <translation>{name} hat bereits eine offene Einladung von diesem Konto; keine erneute Einladung.</translation>
        </message>
    </context>
    <context>
        <name>KeyRejectedBanner</name>
        <message>
            <source>API key rejected</source>
            <translation>API-Schlüssel abgelehnt</translation>
        </message>
        <message>
            <source>Enter new key…</source>
            <translation>Neuen Schlüssel eingeben…</translation>
        </message>
        <message>
            <source>API key rejected: Unipile refused the API key, so nothing new can load. Enter the current key; what you typed stays where it is.</source>
            <translation>API-Schlüssel abgelehnt: Unipile hat den API-Schlüssel abgelehnt, daher kann nichts Neues geladen werden. Geben Sie den aktuellen Schlüssel ein; was Sie eingegeben haben, bleibt erhalten.</translation>
        </message>
        <message>
            <source>API key rejected: Unipile refused the key of the profile “{profile}”, so nothing new can load. Enter the current key; what you typed stays where it is.</source>
            <translation>API-Schlüssel abgelehnt: Unipile hat den Schlüssel des Profils „{profile}“ abgelehnt, daher kann nichts Neues geladen werden. Geben Sie den aktuellen Schlüssel ein; was Sie eingegeben haben, bleibt erhalten.</translation>
        </message>
    </context>
    <context>
        <name>Keyring</name>
        <message>
            <source>No system keyring is available on this computer, so the API key cannot be stored safely. On Linux, install and start a Secret Service provider such as GNOME Keyring (package gnome-keyring) or KWallet, then try again.</source>
            <translation>Auf diesem Computer ist kein System-Schlüsselbund verfügbar, daher kann der API-Schlüssel nicht sicher gespeichert werden. Installieren und starten Sie unter Linux einen Secret-Service-Anbieter wie GNOME Keyring (Paket gnome-keyring) oder KWallet und versuchen Sie es dann erneut.</translation>
        </message>
        <message>
            <source>The system keyring is locked, or its unlock prompt was dismissed. Unlock it when asked (or unlock the login keyring in your keyring manager, such as Passwords and Keys), then try again.</source>
            <translation>Der System-Schlüsselbund ist gesperrt, oder die Aufforderung zum Entsperren wurde geschlossen. Entsperren Sie ihn, wenn Sie dazu aufgefordert werden (oder entsperren Sie den Anmelde-Schlüsselbund in Ihrer Schlüsselbundverwaltung, etwa „Passwörter und Verschlüsselung“), und versuchen Sie es dann erneut.</translation>
        </message>
        <message>
            <source>The system keyring could not be opened. Make sure the keyring service (such as GNOME Keyring or KWallet) is running and has a default keyring, then try again.</source>
            <translation>Der System-Schlüsselbund konnte nicht geöffnet werden. Stellen Sie sicher, dass der Schlüsselbunddienst (etwa GNOME Keyring oder KWallet) läuft und einen Standard-Schlüsselbund hat, und versuchen Sie es dann erneut.</translation>
        </message>
        <message>
            <source>The system keyring refused to store the API key. Make sure it is unlocked and writable, then try again.</source>
            <translation>Der System-Schlüsselbund hat das Speichern des API-Schlüssels verweigert. Stellen Sie sicher, dass er entsperrt und beschreibbar ist, und versuchen Sie es dann erneut.</translation>
        </message>
        <message>
            <source>The system keyring did not work. Make sure the keyring service is running and unlocked, then try again.</source>
            <translation>Der System-Schlüsselbund hat nicht funktioniert. Stellen Sie sicher, dass der Schlüsselbunddienst läuft und entsperrt ist, und versuchen Sie es dann erneut.</translation>
        </message>
        <message>
            <source>none (no keyring backend is available)</source>
            <translation>keiner (kein Schlüsselbund-Backend verfügbar)</translation>
        </message>
        <message>
            <source>none (the null keyring stores nothing)</source>
            <translation>keiner (der Null-Schlüsselbund speichert nichts)</translation>
        </message>
        <message>
            <source>{backend} from {module} (a file, not a system keyring)</source>
            <translation>{backend} aus {module} (eine Datei, kein System-Schlüsselbund)</translation>
        </message>
        <message>
            <source>none (the keyring could not be loaded)</source>
            <translation>keiner (der Schlüsselbund konnte nicht geladen werden)</translation>
        </message>
    </context>
    <context>
        <name>KeyringDialog</name>
        <message>
            <source>Use the key for this session only</source>
            <translation>Schlüssel nur für diese Sitzung verwenden</translation>
        </message>
        <message>
            <source>On Windows and macOS the system keyring is built in; if it is missing there, ask your IT department.</source>
            <translation>Unter Windows und macOS ist der System-Schlüsselbund integriert; fehlt er dort, wenden Sie sich an Ihre IT-Abteilung.</translation>
        </message>
        <message>
            <source>Keyring not available</source>
            <translation>Schlüsselbund nicht verfügbar</translation>
        </message>
        <message>
            <source>Your system keyring cannot be used right now</source>
            <translation>Ihr System-Schlüsselbund kann gerade nicht verwendet werden</translation>
        </message>
        <message>
            <source>You can still work now: the key is then held in memory until you quit Unipile Desktop. It is never written to a file, so you will be asked for it again next time.</source>
            <translation>Sie können trotzdem gleich arbeiten: Der Schlüssel wird dann im Arbeitsspeicher gehalten, bis Sie Unipile Desktop beenden. Er wird nie in eine Datei geschrieben, daher werden Sie beim nächsten Mal erneut danach gefragt.</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Abbrechen</translation>
        </message>
        <message>
            <source>Keyring in use: {backend}.</source>
            <translation>Verwendeter Schlüsselbund: {backend}.</translation>
        </message>
    </context>
    <context>
        <name>LanguageMenu</name>
        <message>
            <source>The language changes the next time the app starts.</source>
            <translation>Die Sprache ändert sich beim nächsten Start der App.</translation>
        </message>
        <message>
            <source>&amp;System language</source>
            <translation>&amp;Systemsprache</translation>
        </message>
    </context>
    <context>
        <name>LinkedinSection</name>
        <message numerus="yes">
            <source>{first}, {second} and %n more</source>
            <translation>
                <numerusform>{first}, {second} und %Ln weitere Person</numerusform>
                <numerusform>{first}, {second} und %Ln weitere Personen</numerusform>
            </translation>
        </message>
        <message>
            <source>turn on InMail</source>
            <translation>aktivieren Sie InMail</translation>
        </message>
        <message>
            <source>Turn on InMail</source>
            <translation>Aktivieren Sie InMail</translation>
        </message>
        <message>
            <source>turn on InMail, or send with {apis}</source>
            <translation>aktivieren Sie InMail oder senden Sie über {apis}</translation>
        </message>
        <message>
            <source>LinkedIn</source>
            <translation>LinkedIn</translation>
        </message>
        <message>
            <source>Send as InMail (reaches people outside your network; uses a Premium credit)</source>
            <translation>Als InMail senden (erreicht Personen außerhalb Ihres Netzwerks; verbraucht einen Premium-Credit)</translation>
        </message>
        <message>
            <source>Send with:</source>
            <translation>Senden über:</translation>
        </message>
        <message>
            <source>Credits:</source>
            <translation>Credits:</translation>
        </message>
        <message>
            <source>{first} and {second}</source>
            <translation>{first} und {second}</translation>
        </message>
        <message>
            <source>{first} or {second}</source>
            <translation>{first} oder {second}</translation>
        </message>
        <message>
            <source>Turn on InMail, or send with {apis}</source>
            <translation>Aktivieren Sie InMail oder senden Sie über {apis}</translation>
        </message>
        <message>
            <source>InMail reaches people who are not your 1st-degree connections and uses a Premium InMail credit.</source>
            <translation>InMail erreicht Personen, die keine Kontakte 1. Grades sind, und verbraucht einen Premium-InMail-Credit.</translation>
        </message>
        <message>
            <source>{label} InMail credits left: {credits} (only used for InMail)</source>
            <translation>Verbleibende InMail-Credits ({label}): {credits} (nur für InMail verwendet)</translation>
        </message>
        <message>
            <source>{label} InMail credits left: {credits}</source>
            <translation>Verbleibende InMail-Credits ({label}): {credits}</translation>
        </message>
        <message>
            <source>Checking this account's LinkedIn products and credits…</source>
            <translation>LinkedIn-Produkte und Credits dieses Kontos werden geprüft…</translation>
        </message>
        <message>
            <source>This account has no LinkedIn Premium, so LinkedIn will probably refuse the InMail.</source>
            <translation>Dieses Konto hat kein LinkedIn Premium, daher wird LinkedIn die InMail wahrscheinlich ablehnen.</translation>
        </message>
        <message>
            <source>{names} is not a 1st-degree connection. {alternatives}.</source>
            <translation>{names} ist kein Kontakt 1. Grades. {alternatives}.</translation>
        </message>
        <message>
            <source>{names} are not 1st-degree connections. {alternatives}.</source>
            <translation>{names} sind keine Kontakte 1. Grades. {alternatives}.</translation>
        </message>
        <message>
            <source>An InMail goes to one person. Remove the other recipients or turn off InMail.</source>
            <translation>Eine InMail geht an eine einzige Person. Entfernen Sie die anderen Empfänger oder deaktivieren Sie InMail.</translation>
        </message>
        <message>
            <source>{names} is outside your network, so this would be an InMail, and an InMail goes to one person. Write to them separately.</source>
            <translation>{names} ist außerhalb Ihres Netzwerks, daher wäre dies eine InMail – und eine InMail geht an eine einzige Person. Schreiben Sie dieser Person separat.</translation>
        </message>
        <message>
            <source>{names} are outside your network, so this would be an InMail, and an InMail goes to one person. Write to them separately.</source>
            <translation>{names} sind außerhalb Ihres Netzwerks, daher wäre dies eine InMail – und eine InMail geht an eine einzige Person. Schreiben Sie ihnen separat.</translation>
        </message>
        <message>
            <source>{api} reaches people outside your network with its own InMail credits, so there is no InMail switch.</source>
            <translation>{api} erreicht Personen außerhalb Ihres Netzwerks mit eigenen InMail-Credits, daher gibt es keinen InMail-Schalter.</translation>
        </message>
        <message>
            <source>{label} InMail credits: not known</source>
            <translation>InMail-Credits ({label}): unbekannt</translation>
        </message>
        <message>
            <source>⚠ No {label} InMail credits left. LinkedIn will refuse messages to people outside your network until the credits renew.</source>
            <translation>⚠ Keine InMail-Credits ({label}) mehr übrig. LinkedIn lehnt Nachrichten an Personen außerhalb Ihres Netzwerks ab, bis die Credits erneuert werden.</translation>
        </message>
        <message>
            <source>Send through LinkedIn {api}</source>
            <translation>Über LinkedIn {api} senden</translation>
        </message>
    </context>
    <context>
        <name>Links</name>
        <message>
            <source>This link was not opened: only web links (http or https) can be opened from a message.</source>
            <translation>Dieser Link wurde nicht geöffnet: Aus einer Nachricht lassen sich nur Weblinks (http oder https) öffnen.</translation>
        </message>
        <message>
            <source>This link was not opened: its address holds hidden characters and is not valid: {address}</source>
            <translation>Dieser Link wurde nicht geöffnet: Seine Adresse enthält versteckte Zeichen und ist ungültig: {address}</translation>
        </message>
        <message>
            <source>Open this link?</source>
            <translation>Diesen Link öffnen?</translation>
        </message>
        <message>
            <source>This link contains hidden characters that can make it read as another address.</source>
            <translation>Dieser Link enthält versteckte Zeichen, durch die er wie eine andere Adresse aussehen kann.</translation>
        </message>
        <message>
            <source>The address starts with a name followed by “@”: the site it opens is the one after the “@”, not the name before it (“https://bank.example@evil.example/” opens evil.example).</source>
            <translation>Die Adresse beginnt mit einem Namen, gefolgt von „@“: Geöffnet wird die Website nach dem „@“, nicht der Name davor („https://bank.example@evil.example/“ öffnet evil.example).</translation>
        </message>
        <message>
            <source>The site's name uses letters outside plain English ones: it may imitate a site you know (a Cyrillic “а” looks like a Latin “a”).</source>
            <translation>Der Name der Website enthält Buchstaben, die nicht zum einfachen lateinischen Alphabet gehören: Er könnte eine Ihnen bekannte Website nachahmen (ein kyrillisches „а“ sieht aus wie ein lateinisches „a“).</translation>
        </message>
        <message>
            <source>The real address is:
{address}</source>
            <translation>Die tatsächliche Adresse lautet:
{address}</translation>
        </message>
        <message>
            <source>As written in the message:
{address}</source>
            <translation>So steht sie in der Nachricht:
{address}</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Öffnen</translation>
        </message>
        <message>
            <source>Link not opened</source>
            <translation>Link nicht geöffnet</translation>
        </message>
        <message>
            <source>Open it only if you trust where it leads.</source>
            <translation>Öffnen Sie ihn nur, wenn Sie dem Ziel vertrauen.</translation>
        </message>
    </context>
    <context>
        <name>LiveUpdates</name>
        <message>
            <source>The server asked to slow down; retrying…</source>
            <translation>Der Server hat um eine Pause gebeten; erneuter Versuch…</translation>
        </message>
        <message>
            <source>Offline</source>
            <translation>Offline</translation>
        </message>
        <message>
            <source>Offline — retrying…</source>
            <translation>Offline — erneuter Versuch…</translation>
        </message>
        <message>
            <source>The server asked to slow down; retrying in {seconds} s</source>
            <translation>Der Server hat um eine Pause gebeten; erneuter Versuch in {seconds} s</translation>
        </message>
        <message>
            <source>Offline — retrying in {seconds} s</source>
            <translation>Offline — erneuter Versuch in {seconds} s</translation>
        </message>
        <message>
            <source>Updates paused: the server asked to slow down</source>
            <translation>Aktualisierungen pausiert: Der Server hat um eine Pause gebeten</translation>
        </message>
        <message>
            <source>Syncing…</source>
            <translation>Wird synchronisiert…</translation>
        </message>
        <message>
            <source>Checking for new messages</source>
            <translation>Sucht nach neuen Nachrichten</translation>
        </message>
        <message>
            <source>Updates paused</source>
            <translation>Aktualisierungen pausiert</translation>
        </message>
        <message>
            <source>{reason} Press F5 to try again now.</source>
            <translation>{reason} Drücken Sie F5, um es jetzt erneut zu versuchen.</translation>
        </message>
    </context>
    <context>
        <name>LocalDatabase</name>
        <message>
            <source>The local database was damaged and has been set aside as “{name}” (in {folder}). Chats and messages will be downloaded again. Recovered from it: {messages} and {drafts}.</source>
            <translation>Die lokale Datenbank war beschädigt und wurde als „{name}“ (in {folder}) beiseitegelegt. Chats und Nachrichten werden erneut heruntergeladen. Daraus wiederhergestellt: {messages} und {drafts}.</translation>
        </message>
        <message>
            <source>The local database was damaged and has been set aside as “{name}” (in {folder}). Chats and messages will be downloaded again. The {what} it held could not be recovered: check the conversations you were writing in and send again what is missing.</source>
            <translation>Die lokale Datenbank war beschädigt und wurde als „{name}“ (in {folder}) beiseitegelegt. Chats und Nachrichten werden erneut heruntergeladen. Die {what}, die sie enthielt, konnten nicht wiederhergestellt werden: Prüfen Sie die Unterhaltungen, in denen Sie gerade geschrieben haben, und senden Sie Fehlendes erneut.</translation>
        </message>
        <message>
            <source>drafts</source>
            <translation>Entwürfe</translation>
        </message>
        <message>
            <source>unsent messages</source>
            <translation>nicht gesendeten Nachrichten</translation>
        </message>
        <message>
            <source>LinkedIn invitations in progress</source>
            <translation>laufenden LinkedIn-Einladungen</translation>
        </message>
        <message>
            <source>private notes</source>
            <translation>privaten Notizen</translation>
        </message>
        <message>
            <source>labels</source>
            <translation>Labels</translation>
        </message>
        <message numerus="yes">
            <source>%n unsent message(s)</source>
            <translation>
                <numerusform>%Ln nicht gesendete Nachricht</numerusform>
                <numerusform>%Ln nicht gesendete Nachrichten</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n draft(s)</source>
            <translation>
                <numerusform>%Ln Entwurf</numerusform>
                <numerusform>%Ln Entwürfe</numerusform>
            </translation>
        </message>
        <message>
            <source>This profile is already open in another Unipile Desktop window. Close it there first.</source>
            <translation>Dieses Profil ist bereits in einem anderen Fenster von Unipile Desktop geöffnet. Schließen Sie es zuerst dort.</translation>
        </message>
        <message>
            <source>The local database is damaged. Restart the app: it will set the file aside and start fresh.</source>
            <translation>Die lokale Datenbank ist beschädigt. Starten Sie die App neu: Sie legt die Datei beiseite und beginnt von vorn.</translation>
        </message>
        <message>
            <source>{items} and {last}</source>
            <translation>{items} und {last}</translation>
        </message>
        <message>
            <source>The local database was written by a newer version of Unipile Desktop (schema {current}, this version knows {target}). Update the app; the database was left untouched.</source>
            <translation>Die lokale Datenbank wurde von einer neueren Version von Unipile Desktop geschrieben (Schema {current}, diese Version kennt {target}). Aktualisieren Sie die App; die Datenbank wurde nicht verändert.</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message numerus="yes">
            <source>Looking up names… (%n left)</source>
            <translation>
                <numerusform>Namen werden ermittelt… (noch %Ln)</numerusform>
                <numerusform>Namen werden ermittelt… (noch %Ln)</numerusform>
            </translation>
        </message>
        <message>
            <source>{account}: {status}. Messages from this account will not go out until it is fixed in the Unipile dashboard.</source>
            <translation>{account}: {status}. Nachrichten von diesem Konto werden erst wieder gesendet, wenn das Problem im Unipile-Dashboard behoben ist.</translation>
        </message>
        <message>
            <source>Filter chats</source>
            <translation>Chats filtern</translation>
        </message>
        <message>
            <source>Shows the chats whose name, people, message or account match</source>
            <translation>Zeigt die Chats, deren Name, Teilnehmer, Nachricht oder Konto passen</translation>
        </message>
        <message>
            <source>New chat</source>
            <translation>Neuer Chat</translation>
        </message>
        <message>
            <source>Loading chats…</source>
            <translation>Chats werden geladen…</translation>
        </message>
        <message>
            <source>This account</source>
            <translation>Dieses Konto</translation>
        </message>
        <message>
            <source>The new chat could not be started. {reason} Press {keys} to try again.</source>
            <translation>Der neue Chat konnte nicht gestartet werden. {reason} Drücken Sie {keys}, um es erneut zu versuchen.</translation>
        </message>
        <message>
            <source>Start a chat or a group</source>
            <translation>Einen Chat oder eine Gruppe beginnen</translation>
        </message>
        <message>
            <source>{app} — Demo</source>
            <translation>{app} — Demo</translation>
        </message>
        <message>
            <source>No chats match the filter.</source>
            <translation>Keine Chats passen zum Filter.</translation>
        </message>
        <message>
            <source>No chats yet.</source>
            <translation>Noch keine Chats.</translation>
        </message>
        <message>
            <source>The chats could not be loaded. {reason} Press F5 to try again.</source>
            <translation>Die Chats konnten nicht geladen werden. {reason} Drücken Sie F5, um es erneut zu versuchen.</translation>
        </message>
        <message>
            <source>The chats could not be loaded. Press F5 to try again.</source>
            <translation>Die Chats konnten nicht geladen werden. Drücken Sie F5, um es erneut zu versuchen.</translation>
        </message>
    </context>
    <context>
        <name>MessageList</name>
        <message>
            <source>sent twice</source>
            <translation>zweimal gesendet</translation>
        </message>
        <message>
            <source>sent</source>
            <translation>gesendet</translation>
        </message>
        <message>
            <source>waiting to send</source>
            <translation>wartet auf Versand</translation>
        </message>
        <message>
            <source>sending</source>
            <translation>wird gesendet</translation>
        </message>
        <message>
            <source>checking whether it arrived</source>
            <translation>Zustellung wird geprüft</translation>
        </message>
        <message>
            <source>not sure this was sent</source>
            <translation>unklar, ob gesendet</translation>
        </message>
        <message>
            <source>not sent</source>
            <translation>nicht gesendet</translation>
        </message>
        <message>
            <source>Photo</source>
            <translation>Foto</translation>
        </message>
        <message>
            <source>Attachment</source>
            <translation>Anhang</translation>
        </message>
        <message>
            <source>You</source>
            <translation>Sie</translation>
        </message>
        <message>
            <source>They</source>
            <translation>Gegenüber</translation>
        </message>
        <message>
            <source>Message shortened; the whole message opens from its menu</source>
            <translation>Nachricht gekürzt; die vollständige Nachricht lässt sich über ihr Menü öffnen</translation>
        </message>
        <message>
            <source>edited</source>
            <translation>bearbeitet</translation>
        </message>
        <message>
            <source>seen</source>
            <translation>gelesen</translation>
        </message>
        <message>
            <source>{sender}: {text}</source>
            <translation>{sender}: {text}</translation>
        </message>
        <message>
            <source>delivered</source>
            <translation>zugestellt</translation>
        </message>
    </context>
    <context>
        <name>MessageRows</name>
        <message>
            <source>This message was deleted</source>
            <translation>Diese Nachricht wurde gelöscht</translation>
        </message>
        <message>
            <source>Reaction</source>
            <translation>Reaktion</translation>
        </message>
        <message>
            <source>Reacted to your message</source>
            <translation>Hat auf Ihre Nachricht reagiert</translation>
        </message>
        <message>
            <source>Group created</source>
            <translation>Gruppe erstellt</translation>
        </message>
        <message>
            <source>Group name changed</source>
            <translation>Gruppenname geändert</translation>
        </message>
        <message>
            <source>Participant added</source>
            <translation>Teilnehmer hinzugefügt</translation>
        </message>
        <message>
            <source>Participant removed</source>
            <translation>Teilnehmer entfernt</translation>
        </message>
        <message>
            <source>Participant left</source>
            <translation>Teilnehmer hat die Gruppe verlassen</translation>
        </message>
        <message>
            <source>Missed voice call</source>
            <translation>Verpasster Sprachanruf</translation>
        </message>
        <message>
            <source>Missed video call</source>
            <translation>Verpasster Videoanruf</translation>
        </message>
        <message>
            <source>Image</source>
            <translation>Bild</translation>
        </message>
        <message>
            <source>Video</source>
            <translation>Video</translation>
        </message>
        <message>
            <source>Audio</source>
            <translation>Audio</translation>
        </message>
        <message>
            <source>LinkedIn post</source>
            <translation>LinkedIn-Beitrag</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>Heute</translation>
        </message>
        <message>
            <source>Yesterday</source>
            <translation>Gestern</translation>
        </message>
        <message>
            <source>File</source>
            <translation>Datei</translation>
        </message>
        <message>
            <source>Conversation event</source>
            <translation>Ereignis in der Unterhaltung</translation>
        </message>
    </context>
    <context>
        <name>MessageView</name>
        <message>
            <source>You</source>
            <translation>Sie</translation>
        </message>
        <message>
            <source>Messages</source>
            <translation>Nachrichten</translation>
        </message>
        <message>
            <source>The open chat's messages, oldest first</source>
            <translation>Die Nachrichten des geöffneten Chats, älteste zuerst</translation>
        </message>
        <message>
            <source>New messages ↓</source>
            <translation>Neue Nachrichten ↓</translation>
        </message>
        <message>
            <source>Go to the newest message</source>
            <translation>Zur neuesten Nachricht springen</translation>
        </message>
        <message>
            <source>They</source>
            <translation>Gegenüber</translation>
        </message>
        <message numerus="yes">
            <source>Copy %n message(s)</source>
            <translation>
                <numerusform>%Ln Nachricht kopieren</numerusform>
                <numerusform>%Ln Nachrichten kopieren</numerusform>
            </translation>
        </message>
        <message>
            <source>Copy text</source>
            <translation>Text kopieren</translation>
        </message>
        <message>
            <source>Select text…</source>
            <translation>Text auswählen…</translation>
        </message>
        <message>
            <source>Open link {link}</source>
            <translation>Link {link} öffnen</translation>
        </message>
        <message>
            <source>Copy link {link}</source>
            <translation>Link {link} kopieren</translation>
        </message>
        <message>
            <source>Save as…</source>
            <translation>Speichern unter…</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Öffnen</translation>
        </message>
        <message>
            <source>Show whole message</source>
            <translation>Ganze Nachricht anzeigen</translation>
        </message>
        <message>
            <source>Save “{name}” as…</source>
            <translation>„{name}“ speichern unter…</translation>
        </message>
        <message>
            <source>Open “{name}”</source>
            <translation>„{name}“ öffnen</translation>
        </message>
    </context>
    <context>
        <name>NewChat</name>
        <message>
            <source>Classic</source>
            <translation>Classic</translation>
        </message>
        <message>
            <source>Recruiter</source>
            <translation>Recruiter</translation>
        </message>
        <message>
            <source>Sales Navigator</source>
            <translation>Sales Navigator</translation>
        </message>
        <message>
            <source>Premium</source>
            <translation>Premium</translation>
        </message>
        <message>
            <source>1st-degree connection</source>
            <translation>Kontakt 1. Grades</translation>
        </message>
        <message>
            <source>2nd-degree</source>
            <translation>2. Grades</translation>
        </message>
        <message>
            <source>3rd-degree</source>
            <translation>3. Grades</translation>
        </message>
        <message>
            <source>Out of network</source>
            <translation>Außerhalb des Netzwerks</translation>
        </message>
        <message>
            <source>Choose the account to write from.</source>
            <translation>Wählen Sie das Konto, von dem aus Sie schreiben.</translation>
        </message>
        <message>
            <source>Add at least one recipient.</source>
            <translation>Fügen Sie mindestens einen Empfänger hinzu.</translation>
        </message>
        <message>
            <source>Write a message or attach a file.</source>
            <translation>Schreiben Sie eine Nachricht oder hängen Sie eine Datei an.</translation>
        </message>
        <message>
            <source>An InMail goes to one person. Remove the other recipients or turn off InMail.</source>
            <translation>Eine InMail geht an eine einzelne Person. Entfernen Sie die anderen Empfänger oder schalten Sie InMail aus.</translation>
        </message>
        <message>
            <source>This account has no LinkedIn {product} seat.</source>
            <translation>Dieses Konto hat keine Lizenz für LinkedIn {product}.</translation>
        </message>
        <message>
            <source>This account cannot send right now ({status}). Reconnect it in the Unipile dashboard.</source>
            <translation>Dieses Konto kann gerade nicht senden ({status}). Verbinden Sie es im Unipile-Dashboard erneut.</translation>
        </message>
        <message>
            <source>The chat could not be started.</source>
            <translation>Der Chat konnte nicht gestartet werden.</translation>
        </message>
        <message>
            <source>“{name}” is {size}; the limit is {limit}.</source>
            <translation>„{name}“ ist {size} groß; die Grenze liegt bei {limit}.</translation>
        </message>
        <message>
            <source>The contacts of this account could not be loaded. {reason}</source>
            <translation>Die Kontakte dieses Kontos konnten nicht geladen werden. {reason}</translation>
        </message>
        <message>
            <source>LinkedIn products could not be confirmed. {reason}</source>
            <translation>Die LinkedIn-Produkte konnten nicht bestätigt werden. {reason}</translation>
        </message>
        <message>
            <source>InMail credits could not be loaded. {reason}</source>
            <translation>Das InMail-Guthaben konnte nicht geladen werden. {reason}</translation>
        </message>
        <message>
            <source>An attachment could not be read: {reason}.</source>
            <translation>Ein Anhang konnte nicht gelesen werden: {reason}.</translation>
        </message>
    </context>
    <context>
        <name>NewChatDialog</name>
        <message>
            <source>Write the first message… (Ctrl+Enter sends)</source>
            <translation>Schreiben Sie die erste Nachricht… (Strg+Enter sendet)</translation>
        </message>
        <message>
            <source>New chat</source>
            <translation>Neuer Chat</translation>
        </message>
        <message>
            <source>From account</source>
            <translation>Absenderkonto</translation>
        </message>
        <message>
            <source>Group name</source>
            <translation>Gruppenname</translation>
        </message>
        <message>
            <source>Group name:</source>
            <translation>Gruppenname:</translation>
        </message>
        <message>
            <source>Message</source>
            <translation>Nachricht</translation>
        </message>
        <message>
            <source>Attach…</source>
            <translation>Anhängen…</translation>
        </message>
        <message>
            <source>Clear</source>
            <translation>Leeren</translation>
        </message>
        <message>
            <source>Empty every field and forget this draft</source>
            <translation>Alle Felder leeren und diesen Entwurf verwerfen</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Schließen</translation>
        </message>
        <message>
            <source>Close; what you typed is kept for next time (Esc)</source>
            <translation>Schließen; Ihre Eingaben bleiben für das nächste Mal erhalten (Esc)</translation>
        </message>
        <message>
            <source>Send</source>
            <translation>Senden</translation>
        </message>
        <message>
            <source>From:</source>
            <translation>Von:</translation>
        </message>
        <message>
            <source>To:</source>
            <translation>An:</translation>
        </message>
        <message>
            <source>Message:</source>
            <translation>Nachricht:</translation>
        </message>
        <message>
            <source>This is what you wrote before. Clear empties the form.</source>
            <translation>Das haben Sie zuvor geschrieben. „Leeren“ setzt das Formular zurück.</translation>
        </message>
        <message>
            <source>This is what you wrote before. Clear empties the form. {missing}</source>
            <translation>Das haben Sie zuvor geschrieben. „Leeren“ setzt das Formular zurück. {missing}</translation>
        </message>
        <message>
            <source>Sending…</source>
            <translation>Wird gesendet…</translation>
        </message>
        <message>
            <source>The chat is being started</source>
            <translation>Der Chat wird gestartet</translation>
        </message>
        <message>
            <source>Create group</source>
            <translation>Gruppe erstellen</translation>
        </message>
        <message>
            <source>Start the chat and send the message (Ctrl+Enter)</source>
            <translation>Chat starten und Nachricht senden (Strg+Enter)</translation>
        </message>
        <message>
            <source>Starting the chat…</source>
            <translation>Chat wird gestartet…</translation>
        </message>
        <message>
            <source>Sending invitations…</source>
            <translation>Einladungen werden gesendet…</translation>
        </message>
        <message>
            <source>The invitations are being sent one by one</source>
            <translation>Die Einladungen werden nacheinander gesendet</translation>
        </message>
        <message>
            <source>Send invitation</source>
            <translation>Einladung senden</translation>
        </message>
        <message numerus="yes">
            <source>Send %n invitation(s)</source>
            <translation>
                <numerusform>%Ln Einladung senden</numerusform>
                <numerusform>%Ln Einladungen senden</numerusform>
            </translation>
        </message>
        <message>
            <source>Send the invitation to connect (Ctrl+Enter)</source>
            <translation>Einladung zum Vernetzen senden (Strg+Enter)</translation>
        </message>
        <message>
            <source>Invitations are already being sent; try again when they are done.</source>
            <translation>Einladungen werden bereits gesendet; versuchen Sie es erneut, wenn das abgeschlossen ist.</translation>
        </message>
        <message>
            <source>This account cannot send right now ({reason}). Reconnect it in the dashboard.</source>
            <translation>Dieses Konto kann gerade nicht senden ({reason}). Verbinden Sie es im Dashboard erneut.</translation>
        </message>
        <message>
            <source>The current account cannot send right now ({reason}); choose another one.</source>
            <translation>Das aktuelle Konto kann gerade nicht senden ({reason}); wählen Sie ein anderes.</translation>
        </message>
        <message>
            <source>Subject:</source>
            <translation>Betreff:</translation>
        </message>
        <message>
            <source>Optional: the InMail's subject line</source>
            <translation>Optional: die Betreffzeile der InMail</translation>
        </message>
        <message>
            <source>Subject</source>
            <translation>Betreff</translation>
        </message>
        <message>
            <source>A chat is being started</source>
            <translation>Ein Chat wird gestartet</translation>
        </message>
        <message>
            <source>Choose the account to write from</source>
            <translation>Wählen Sie das Konto, von dem aus Sie schreiben</translation>
        </message>
        <message>
            <source>This account cannot send right now</source>
            <translation>Dieses Konto kann gerade nicht senden</translation>
        </message>
        <message>
            <source>Add at least one recipient</source>
            <translation>Fügen Sie mindestens einen Empfänger hinzu</translation>
        </message>
        <message>
            <source>Write a message or attach a file</source>
            <translation>Schreiben Sie eine Nachricht oder hängen Sie eine Datei an</translation>
        </message>
        <message>
            <source>Invitations are being sent</source>
            <translation>Einladungen werden gesendet</translation>
        </message>
        <message>
            <source>Nobody here can be invited</source>
            <translation>Niemand hier kann eingeladen werden</translation>
        </message>
        <message>
            <source>Optional: a name for the group</source>
            <translation>Optional: ein Name für die Gruppe</translation>
        </message>
        <message>
            <source>An invitation is already pending</source>
            <translation>Eine Einladung steht bereits aus</translation>
        </message>
    </context>
    <context>
        <name>Notes</name>
        <message>
            <source>A note needs some text.</source>
            <translation>Eine Notiz darf nicht leer sein.</translation>
        </message>
    </context>
    <context>
        <name>NotificationService</name>
        <message>
            <source>Desktop notifications are off: no notification service is running on this desktop.</source>
            <translation>Desktop-Benachrichtigungen sind aus: Auf diesem Desktop läuft kein Benachrichtigungsdienst.</translation>
        </message>
        <message>
            <source>Desktop notifications are off: this session has no D-Bus session bus.</source>
            <translation>Desktop-Benachrichtigungen sind aus: Diese Sitzung hat keinen D-Bus-Sitzungsbus.</translation>
        </message>
        <message>
            <source>Desktop notifications are off: this system offers no notification centre to the app.</source>
            <translation>Desktop-Benachrichtigungen sind aus: Dieses System stellt der App keine Mitteilungszentrale bereit.</translation>
        </message>
        <message>
            <source>Desktop notifications are off: the notification service could not be reached.</source>
            <translation>Desktop-Benachrichtigungen sind aus: Der Benachrichtigungsdienst war nicht erreichbar.</translation>
        </message>
    </context>
    <context>
        <name>NotificationSettings</name>
        <message>
            <source>This desktop shows no tray icons, so closing the window quits the app.</source>
            <translation>Dieser Desktop zeigt keine Symbole im Infobereich an; daher beendet das Schließen des Fensters die App.</translation>
        </message>
        <message>
            <source>Choose at least one working day, or turn working hours off.</source>
            <translation>Wählen Sie mindestens einen Arbeitstag oder schalten Sie die Arbeitszeiten aus.</translation>
        </message>
        <message>
            <source>Notification settings</source>
            <translation>Benachrichtigungseinstellungen</translation>
        </message>
        <message>
            <source>Hide message text in notifications</source>
            <translation>Nachrichtentext in Benachrichtigungen ausblenden</translation>
        </message>
        <message>
            <source>Notifications then say who wrote, not what (for shared screens)</source>
            <translation>Benachrichtigungen zeigen dann, wer geschrieben hat, aber nicht was (für geteilte Bildschirme)</translation>
        </message>
        <message>
            <source>Do not disturb</source>
            <translation>Nicht stören</translation>
        </message>
        <message>
            <source>No notifications until this is turned off; the counts still update</source>
            <translation>Keine Benachrichtigungen, bis dies ausgeschaltet wird; die Zähler werden weiter aktualisiert</translation>
        </message>
        <message>
            <source>Notify only during working hours</source>
            <translation>Nur während der Arbeitszeiten benachrichtigen</translation>
        </message>
        <message>
            <source>Working hours start</source>
            <translation>Beginn der Arbeitszeit</translation>
        </message>
        <message>
            <source>Working hours end</source>
            <translation>Ende der Arbeitszeit</translation>
        </message>
        <message>
            <source>An end before the start spans midnight (a night shift).</source>
            <translation>Liegt das Ende vor dem Beginn, reicht die Arbeitszeit über Mitternacht (Nachtschicht).</translation>
        </message>
        <message>
            <source> min</source>
            <translation> Min.</translation>
        </message>
        <message>
            <source>Warn about a waiting customer after, in minutes</source>
            <translation>Vor einem wartenden Kunden warnen nach (in Minuten)</translation>
        </message>
        <message>
            <source>Warn about a waiting customer after:</source>
            <translation>Vor einem wartenden Kunden warnen nach:</translation>
        </message>
        <message>
            <source>Keep running in the tray when the window is closed</source>
            <translation>Im Infobereich weiterlaufen, wenn das Fenster geschlossen wird</translation>
        </message>
        <message>
            <source>From</source>
            <translation>Von</translation>
        </message>
        <message>
            <source>to</source>
            <translation>bis</translation>
        </message>
    </context>
    <context>
        <name>Notifications</name>
        <message>
            <source>Snooze ended — a chat</source>
            <translation>Zurückstellung beendet — ein Chat</translation>
        </message>
        <message>
            <source>Back in Waiting</source>
            <translation>Wieder in „Wartend“</translation>
        </message>
        <message>
            <source>Someone</source>
            <translation>Jemand</translation>
        </message>
        <message numerus="yes">
            <source>%n new message(s)</source>
            <translation>
                <numerusform>%Ln neue Nachricht</numerusform>
                <numerusform>%Ln neue Nachrichten</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n new message(s) — {text}</source>
            <translation>
                <numerusform>%Ln neue Nachricht — {text}</numerusform>
                <numerusform>%Ln neue Nachrichten — {text}</numerusform>
            </translation>
        </message>
        <message>
            <source>New message</source>
            <translation>Neue Nachricht</translation>
        </message>
        <message>
            <source>Snooze ended — {chat}</source>
            <translation>Zurückstellung beendet — {chat}</translation>
        </message>
        <message>
            <source>Back in Waiting — {account}</source>
            <translation>Wieder in „Wartend“ — {account}</translation>
        </message>
        <message>
            <source>{sender} in {chat} — {account}</source>
            <translation>{sender} in {chat} — {account}</translation>
        </message>
        <message>
            <source>{sender} in {chat}</source>
            <translation>{sender} in {chat}</translation>
        </message>
        <message>
            <source>{sender} — {account}</source>
            <translation>{sender} — {account}</translation>
        </message>
    </context>
    <context>
        <name>Outbox</name>
        <message>
            <source>The app stopped while sending this; checking whether it arrived.</source>
            <translation>Die App wurde während des Sendens beendet; es wird geprüft, ob die Nachricht angekommen ist.</translation>
        </message>
        <message>
            <source>Only a message that failed can be retried.</source>
            <translation>Nur eine fehlgeschlagene Nachricht kann erneut versucht werden.</translation>
        </message>
        <message>
            <source>Only a message marked “not sure” can be checked again.</source>
            <translation>Nur eine Nachricht, deren Versand unklar ist, kann erneut geprüft werden.</translation>
        </message>
        <message>
            <source>Only a message marked “not sure” can be sent again this way.</source>
            <translation>Nur eine Nachricht, deren Versand unklar ist, kann auf diese Weise erneut gesendet werden.</translation>
        </message>
        <message>
            <source>Only a message marked “not sure” can be marked as sent.</source>
            <translation>Nur eine Nachricht, deren Versand unklar ist, kann als gesendet markiert werden.</translation>
        </message>
        <message>
            <source>This message is being checked right now. Wait a moment, then try again.</source>
            <translation>Diese Nachricht wird gerade geprüft. Warten Sie einen Moment und versuchen Sie es dann erneut.</translation>
        </message>
        <message>
            <source>This message is being sent or checked right now. Wait a moment, then try again.</source>
            <translation>Diese Nachricht wird gerade gesendet oder geprüft. Warten Sie einen Moment und versuchen Sie es dann erneut.</translation>
        </message>
        <message>
            <source>This message was already sent.</source>
            <translation>Diese Nachricht wurde bereits gesendet.</translation>
        </message>
        <message>
            <source>This message is no longer in the outbox.</source>
            <translation>Diese Nachricht ist nicht mehr im Postausgang.</translation>
        </message>
        <message>
            <source>Checking again whether it arrived.</source>
            <translation>Es wird erneut geprüft, ob sie angekommen ist.</translation>
        </message>
        <message>
            <source>Sending was interrupted; checking whether it arrived.</source>
            <translation>Das Senden wurde unterbrochen; es wird geprüft, ob sie angekommen ist.</translation>
        </message>
        <message>
            <source>Waiting while the same message sent just before is being checked.</source>
            <translation>Wartet, bis dieselbe kurz zuvor gesendete Nachricht geprüft ist.</translation>
        </message>
        <message>
            <source>Checking whether it arrived.</source>
            <translation>Es wird geprüft, ob sie angekommen ist.</translation>
        </message>
        <message>
            <source>Not sure this was sent. {reason}</source>
            <translation>Unklar, ob dies gesendet wurde. {reason}</translation>
        </message>
        <message>
            <source>Unexpected error: {error}</source>
            <translation>Unerwarteter Fehler: {error}</translation>
        </message>
        <message>
            <source>{reason} Checking whether it arrived.</source>
            <translation>{reason} Es wird geprüft, ob sie angekommen ist.</translation>
        </message>
        <message>
            <source>Something unexpected happened; checking whether it was sent.</source>
            <translation>Etwas Unerwartetes ist passiert; es wird geprüft, ob sie gesendet wurde.</translation>
        </message>
        <message>
            <source>The server did not confirm this new chat, and it has not appeared since. It may have been sent — check the chat list (or LinkedIn) before sending again.</source>
            <translation>Der Server hat diesen neuen Chat nicht bestätigt, und er ist seitdem nicht aufgetaucht. Möglicherweise wurde er trotzdem gesendet — prüfen Sie die Chatliste (oder LinkedIn), bevor Sie erneut senden.</translation>
        </message>
        <message numerus="yes">
            <source>Not sent after %n tries.</source>
            <translation>
                <numerusform>Nach %Ln Versuch nicht gesendet.</numerusform>
                <numerusform>Nach %Ln Versuchen nicht gesendet.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Not sent after %n tries. {reason}</source>
            <translation>
                <numerusform>Nach %Ln Versuch nicht gesendet. {reason}</numerusform>
                <numerusform>Nach %Ln Versuchen nicht gesendet. {reason}</numerusform>
            </translation>
        </message>
        <message>
            <source>Not sure this was sent. The check was refused: {reason}</source>
            <translation>Unklar, ob dies gesendet wurde. Die Prüfung wurde abgelehnt: {reason}</translation>
        </message>
        <message>
            <source>Could not check yet whether it was sent: {reason}</source>
            <translation>Es konnte noch nicht geprüft werden, ob sie gesendet wurde: {reason}</translation>
        </message>
        <message>
            <source>Could not check whether this was sent: {reason} Retry checks again.</source>
            <translation>Es konnte nicht geprüft werden, ob dies gesendet wurde: {reason} „Erneut versuchen“ prüft noch einmal.</translation>
        </message>
        <message>
            <source>An identical message sent around the same time is not confirmed yet, and their copies cannot be told apart. Look at the chat, then choose.</source>
            <translation>Eine gleichlautende Nachricht, die etwa zur selben Zeit gesendet wurde, ist noch nicht bestätigt, und die beiden lassen sich nicht auseinanderhalten. Sehen Sie sich den Chat an und entscheiden Sie dann.</translation>
        </message>
        <message>
            <source>So many messages arrived in this chat since it was sent that the check could not see them all.</source>
            <translation>Seitdem sind so viele Nachrichten in diesem Chat eingegangen, dass die Prüfung nicht alle sehen konnte.</translation>
        </message>
        <message numerus="yes">
            <source>This text appears %n time(s) in the chat since you sent it: someone else on this account may have sent it too. Look at the chat, then choose.</source>
            <translation>
                <numerusform>Dieser Text erscheint seit Ihrem Senden %Ln Mal im Chat: Möglicherweise hat ihn noch jemand mit diesem Konto gesendet. Sehen Sie sich den Chat an und entscheiden Sie dann.</numerusform>
                <numerusform>Dieser Text erscheint seit Ihrem Senden %Ln Mal im Chat: Möglicherweise hat ihn noch jemand mit diesem Konto gesendet. Sehen Sie sich den Chat an und entscheiden Sie dann.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Outgoing</name>
        <message>
            <source>{size} MB</source>
            <translation>{size} MB</translation>
        </message>
        <message>
            <source>“{name}” is not a file.</source>
            <translation>„{name}“ ist keine Datei.</translation>
        </message>
        <message>
            <source>“{name}” cannot be read (no permission).</source>
            <translation>„{name}“ kann nicht gelesen werden (keine Berechtigung).</translation>
        </message>
        <message>
            <source>“{name}” is empty.</source>
            <translation>„{name}“ ist leer.</translation>
        </message>
        <message>
            <source>“{name}” is {size}; the limit is {limit}.</source>
            <translation>„{name}“ ist {size} groß; die Grenze liegt bei {limit}.</translation>
        </message>
        <message>
            <source>“{name}” no longer exists.</source>
            <translation>„{name}“ existiert nicht mehr.</translation>
        </message>
        <message>
            <source>“{name}” cannot be read: {reason}.</source>
            <translation>„{name}“ kann nicht gelesen werden: {reason}.</translation>
        </message>
    </context>
    <context>
        <name>ProfileFlows</name>
        <message>
            <source>Remove the profile “{name}”?

Whether messages are still waiting to be sent could not be checked.</source>
            <translation>Das Profil „{name}“ entfernen?

Ob noch Nachrichten auf den Versand warten, konnte nicht geprüft werden.</translation>
        </message>
        <message numerus="yes">
            <source>Remove the profile “{name}”?

This profile has %n unsent message(s). Removing the profile deletes them.</source>
            <translation>
                <numerusform>Das Profil „{name}“ entfernen?

Dieses Profil hat %Ln nicht gesendete Nachricht. Beim Entfernen des Profils wird sie gelöscht.</numerusform>
                <numerusform>Das Profil „{name}“ entfernen?

Dieses Profil hat %Ln nicht gesendete Nachrichten. Beim Entfernen des Profils werden sie gelöscht.</numerusform>
            </translation>
        </message>
        <message>
            <source>Remove the profile “{name}”?</source>
            <translation>Das Profil „{name}“ entfernen?</translation>
        </message>
        <message>
            <source>Add a connection profile</source>
            <translation>Verbindungsprofil hinzufügen</translation>
        </message>
        <message>
            <source>Remove profile</source>
            <translation>Profil entfernen</translation>
        </message>
        <message>
            <source>Its API key is deleted from the keyring, and what this app keeps for it on this computer (cached chats, drafts, unsent messages) is deleted too. The chats stay on the Unipile server; you can add the profile again with the key from the Unipile dashboard.</source>
            <translation>Sein API-Schlüssel wird aus dem Schlüsselbund gelöscht, und was diese App auf diesem Computer dafür speichert (zwischengespeicherte Chats, Entwürfe, nicht gesendete Nachrichten), wird ebenfalls gelöscht. Die Chats bleiben auf dem Unipile-Server; Sie können das Profil mit dem Schlüssel aus dem Unipile-Dashboard wieder hinzufügen.</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Entfernen</translation>
        </message>
        <message>
            <source>Enter the API key</source>
            <translation>API-Schlüssel eingeben</translation>
        </message>
        <message>
            <source>Unexpected error: {name}. Details are in the log.</source>
            <translation>Unerwarteter Fehler: {name}. Details stehen im Protokoll.</translation>
        </message>
        <message>
            <source>Unipile rejected the API key from {variable}. Enter the current key from the Unipile dashboard; it is used until you quit and never stored. Nothing you typed is lost.</source>
            <translation>Unipile hat den API-Schlüssel aus {variable} abgelehnt. Geben Sie den aktuellen Schlüssel aus dem Unipile-Dashboard ein; er wird bis zum Beenden verwendet und nie gespeichert. Ihre Eingaben gehen nicht verloren.</translation>
        </message>
        <message>
            <source>There is no profile named “{name}”. See “{command} list”.</source>
            <translation>Es gibt kein Profil namens „{name}“. Siehe „{command} list“.</translation>
        </message>
        <message>
            <source>The profile could not be saved</source>
            <translation>Das Profil konnte nicht gespeichert werden</translation>
        </message>
        <message>
            <source>The profile could not be opened</source>
            <translation>Das Profil konnte nicht geöffnet werden</translation>
        </message>
        <message>
            <source>The profile could not be removed</source>
            <translation>Das Profil konnte nicht entfernt werden</translation>
        </message>
        <message>
            <source>No API key is stored for the profile “{name}”. Store it with: {command}</source>
            <translation>Für das Profil „{name}“ ist kein API-Schlüssel gespeichert. Speichern Sie ihn mit: {command}</translation>
        </message>
        <message>
            <source>The keyring holds no API key for the profile “{name}” (a key used for one session only is forgotten when the app quits). Enter the key from the Unipile dashboard.</source>
            <translation>Der Schlüsselbund enthält keinen API-Schlüssel für das Profil „{name}“ (ein nur für eine Sitzung verwendeter Schlüssel wird beim Beenden der App vergessen). Geben Sie den Schlüssel aus dem Unipile-Dashboard ein.</translation>
        </message>
        <message>
            <source>The API key of the profile “{name}” could not be read. {reason}</source>
            <translation>Der API-Schlüssel des Profils „{name}“ konnte nicht gelesen werden. {reason}</translation>
        </message>
        <message>
            <source>Enter the API key of the profile “{name}”. It is kept in memory until you quit {app}.</source>
            <translation>Geben Sie den API-Schlüssel des Profils „{name}“ ein. Er bleibt im Arbeitsspeicher, bis Sie {app} beenden.</translation>
        </message>
    </context>
    <context>
        <name>ProfileValidation</name>
        <message>
            <source>The profile name is empty. Give the connection a short name, like “Support”.</source>
            <translation>Der Profilname ist leer. Geben Sie der Verbindung einen kurzen Namen, etwa „Support“.</translation>
        </message>
        <message>
            <source>The profile name contains control characters (such as a line break or a tab).</source>
            <translation>Der Profilname enthält Steuerzeichen (etwa einen Zeilenumbruch oder einen Tabulator).</translation>
        </message>
        <message>
            <source>The API key is empty. Paste the key from the Unipile dashboard.</source>
            <translation>Der API-Schlüssel ist leer. Fügen Sie den Schlüssel aus dem Unipile-Dashboard ein.</translation>
        </message>
        <message>
            <source>The API key contains spaces or line breaks. Paste only the key itself.</source>
            <translation>Der API-Schlüssel enthält Leerzeichen oder Zeilenumbrüche. Fügen Sie nur den Schlüssel selbst ein.</translation>
        </message>
        <message>
            <source>The profile name is too long ({length} characters); use at most {limit}.</source>
            <translation>Der Profilname ist zu lang ({length} Zeichen); erlaubt sind höchstens {limit}.</translation>
        </message>
    </context>
    <context>
        <name>ProfilesMenu</name>
        <message>
            <source>Open the &amp;demo</source>
            <translation>&amp;Demo öffnen</translation>
        </message>
        <message>
            <source>&amp;Profiles</source>
            <translation>&amp;Profile</translation>
        </message>
        <message>
            <source>&amp;Add profile…</source>
            <translation>Profil &amp;hinzufügen…</translation>
        </message>
        <message>
            <source>&amp;Edit profile</source>
            <translation>Profil &amp;bearbeiten</translation>
        </message>
        <message>
            <source>&amp;Remove profile</source>
            <translation>Profil &amp;entfernen</translation>
        </message>
        <message>
            <source>Sample data on this computer; no Unipile account needed</source>
            <translation>Beispieldaten auf diesem Computer; kein Unipile-Konto nötig</translation>
        </message>
        <message>
            <source>No saved profiles</source>
            <translation>Keine gespeicherten Profile</translation>
        </message>
        <message>
            <source>Connect with the profile “{name}”</source>
            <translation>Mit dem Profil „{name}“ verbinden</translation>
        </message>
    </context>
    <context>
        <name>Providers</name>
        <message>
            <source>Unknown</source>
            <translation>Unbekannt</translation>
        </message>
    </context>
    <context>
        <name>QueueActions</name>
        <message>
            <source>Take the open chat out of Waiting until the customer writes again</source>
            <translation>Den geöffneten Chat aus „Wartend“ nehmen, bis der Kunde wieder schreibt</translation>
        </message>
        <message>
            <source>Bring the open chat back to Waiting</source>
            <translation>Den geöffneten Chat zurück nach „Wartend“ holen</translation>
        </message>
        <message>
            <source>Nobody is waiting for a reply.</source>
            <translation>Niemand wartet auf eine Antwort.</translation>
        </message>
        <message>
            <source>No unread chats.</source>
            <translation>Keine ungelesenen Chats.</translation>
        </message>
        <message>
            <source>No chats marked done.</source>
            <translation>Keine als erledigt markierten Chats.</translation>
        </message>
        <message>
            <source>No snoozed chats.</source>
            <translation>Keine zurückgestellten Chats.</translation>
        </message>
        <message>
            <source>Mark &amp;done</source>
            <translation>Als &amp;erledigt markieren</translation>
        </message>
        <message>
            <source>&amp;Snooze</source>
            <translation>&amp;Zurückstellen</translation>
        </message>
        <message>
            <source>&amp;Mute notifications</source>
            <translation>Benachrichtigungen &amp;stummschalten</translation>
        </message>
        <message>
            <source>No notifications from this chat; it still counts in Waiting</source>
            <translation>Keine Benachrichtigungen aus diesem Chat; er zählt weiterhin unter „Wartend“</translation>
        </message>
        <message>
            <source>&amp;Chat</source>
            <translation>&amp;Chat</translation>
        </message>
        <message>
            <source>Re&amp;open</source>
            <translation>&amp;Wieder öffnen</translation>
        </message>
    </context>
    <context>
        <name>QueueBar</name>
        <message>
            <source>Waiting</source>
            <translation>Wartend</translation>
        </message>
        <message>
            <source>Unread</source>
            <translation>Ungelesen</translation>
        </message>
        <message>
            <source>All</source>
            <translation>Alle</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>Erledigt</translation>
        </message>
        <message>
            <source>Snoozed</source>
            <translation>Später</translation>
        </message>
        <message>
            <source>Chats where the customer wrote last, longest wait first (not done, not snoozed)</source>
            <translation>Chats, in denen der Kunde zuletzt geschrieben hat, längste Wartezeit zuerst (nicht erledigt, nicht zurückgestellt)</translation>
        </message>
        <message>
            <source>Chats with unread messages</source>
            <translation>Chats mit ungelesenen Nachrichten</translation>
        </message>
        <message>
            <source>Every chat, newest activity first</source>
            <translation>Alle Chats, neueste Aktivität zuerst</translation>
        </message>
        <message>
            <source>Chats marked done (a new customer message brings them back)</source>
            <translation>Als erledigt markierte Chats (eine neue Nachricht des Kunden holt sie zurück)</translation>
        </message>
        <message>
            <source>Chats snoozed until later</source>
            <translation>Auf später zurückgestellte Chats</translation>
        </message>
        <message numerus="yes">
            <source>%n chat(s)</source>
            <translation>
                <numerusform>%Ln Chat</numerusform>
                <numerusform>%Ln Chats</numerusform>
            </translation>
        </message>
        <message>
            <source>no chats</source>
            <translation>keine Chats</translation>
        </message>
        <message>
            <source>{view}, {chats}</source>
            <translation>{view}, {chats}</translation>
        </message>
        <message>
            <source>Queue views</source>
            <translation>Warteschlangen-Ansichten</translation>
        </message>
        <message>
            <source>{view} {count}</source>
            <translation>{view} {count}</translation>
        </message>
    </context>
    <context>
        <name>QuickSwitcher</name>
        <message>
            <source>Go to a chat or command</source>
            <translation>Zu einem Chat oder Befehl springen</translation>
        </message>
        <message>
            <source>Go to a chat or command…</source>
            <translation>Zu einem Chat oder Befehl springen…</translation>
        </message>
        <message>
            <source>Chat or command to go to</source>
            <translation>Chat oder Befehl, zu dem Sie springen möchten</translation>
        </message>
        <message>
            <source>Matching chats and commands</source>
            <translation>Passende Chats und Befehle</translation>
        </message>
        <message>
            <source>(unnamed chat)</source>
            <translation>(unbenannter Chat)</translation>
        </message>
        <message>
            <source>Waiting</source>
            <translation>Wartend</translation>
        </message>
        <message>
            <source>Command</source>
            <translation>Befehl</translation>
        </message>
    </context>
    <context>
        <name>RecipientField</name>
        <message>
            <source>Type a name, or paste a provider id</source>
            <translation>Geben Sie einen Namen ein oder fügen Sie eine Anbieter-ID ein</translation>
        </message>
        <message>
            <source>Invitation pending</source>
            <translation>Einladung ausstehend</translation>
        </message>
        <message>
            <source>Add a recipient</source>
            <translation>Empfänger hinzufügen</translation>
        </message>
        <message>
            <source>Matching people</source>
            <translation>Passende Personen</translation>
        </message>
        <message>
            <source>Remove {name}</source>
            <translation>{name} entfernen</translation>
        </message>
        <message>
            <source>An invitation to connect is pending.</source>
            <translation>Eine Einladung zum Vernetzen steht aus.</translation>
        </message>
        <message>
            <source>Add another…</source>
            <translation>Weitere hinzufügen…</translation>
        </message>
        <message>
            <source>{error} You can still paste a provider id.</source>
            <translation>{error} Sie können trotzdem eine Anbieter-ID einfügen.</translation>
        </message>
        <message>
            <source>Loading this account's contacts…</source>
            <translation>Kontakte dieses Kontos werden geladen…</translation>
        </message>
        <message>
            <source>Provider id {provider_id}, sent as-is (not among this account's contacts).</source>
            <translation>Anbieter-ID {provider_id}, wird unverändert gesendet (nicht unter den Kontakten dieses Kontos).</translation>
        </message>
        <message>
            <source>“{text}” was added as a provider id, as-is: the server checks it when you send.</source>
            <translation>„{text}“ wurde unverändert als Anbieter-ID hinzugefügt: Der Server prüft sie beim Senden.</translation>
        </message>
        <message>
            <source>No contact matches. Press Enter to add “{text}” as a provider id (sent as-is).</source>
            <translation>Kein Kontakt passt. Drücken Sie die Eingabetaste, um „{text}“ als Anbieter-ID hinzuzufügen (wird unverändert gesendet).</translation>
        </message>
        <message>
            <source>No contact matches “{text}”. Paste the person's provider id instead.</source>
            <translation>Kein Kontakt passt zu „{text}“. Fügen Sie stattdessen die Anbieter-ID der Person ein.</translation>
        </message>
    </context>
    <context>
        <name>Reply</name>
        <message>
            <source>The message this replies to no longer exists, so it was not sent. Your text is kept: send it without the quote, edit it or discard it.</source>
            <translation>Die Nachricht, auf die Sie antworten, existiert nicht mehr; deshalb wurde nichts gesendet. Ihr Text bleibt erhalten: Senden Sie ihn ohne Zitat, bearbeiten Sie ihn oder verwerfen Sie ihn.</translation>
        </message>
        <message>
            <source>Send without the quote</source>
            <translation>Ohne Zitat senden</translation>
        </message>
        <message>
            <source>↩ Reply</source>
            <translation>↩ Antworten</translation>
        </message>
        <message>
            <source>Reply to this message</source>
            <translation>Auf diese Nachricht antworten</translation>
        </message>
        <message>
            <source>Select a message to reply to.</source>
            <translation>Wählen Sie eine Nachricht aus, auf die Sie antworten möchten.</translation>
        </message>
        <message>
            <source>Cancel the reply (Esc)</source>
            <translation>Antwort abbrechen (Esc)</translation>
        </message>
        <message>
            <source>Cancel the reply</source>
            <translation>Antwort abbrechen</translation>
        </message>
        <message>
            <source>a message</source>
            <translation>eine Nachricht</translation>
        </message>
        <message>
            <source>Replying to {name}</source>
            <translation>Antwort auf {name}</translation>
        </message>
        <message>
            <source>You</source>
            <translation>Sie</translation>
        </message>
        <message>
            <source>Photo</source>
            <translation>Foto</translation>
        </message>
        <message>
            <source>Attachment</source>
            <translation>Anhang</translation>
        </message>
        <message>
            <source>Reply</source>
            <translation>Antworten</translation>
        </message>
    </context>
    <context>
        <name>RequestGate</name>
        <message>
            <source>The server asked to slow down.</source>
            <translation>Der Server hat um eine Pause gebeten.</translation>
        </message>
    </context>
    <context>
        <name>ResponseLimits</name>
        <message>
            <source>The file was larger than {size}; it was not read.</source>
            <translation>Die Datei war größer als {size}; sie wurde nicht gelesen.</translation>
        </message>
        <message>
            <source>The server's answer was larger than {size}; it was not read.</source>
            <translation>Die Antwort des Servers war größer als {size}; sie wurde nicht gelesen.</translation>
        </message>
        <message>
            <source>{size} bytes</source>
            <translation>{size} Byte</translation>
        </message>
        <message>
            <source>{size} MB</source>
            <translation>{size} MB</translation>
        </message>
        <message>
            <source>{size} KB</source>
            <translation>{size} KB</translation>
        </message>
    </context>
    <context>
        <name>Search</name>
        <message>
            <source>You</source>
            <translation>Sie</translation>
        </message>
        <message>
            <source>Someone</source>
            <translation>Jemand</translation>
        </message>
        <message>
            <source>Messages on this computer: {chats}, {messages}</source>
            <translation>Nachrichten auf diesem Computer: {chats}, {messages}</translation>
        </message>
        <message numerus="yes">
            <source>%n chat(s)</source>
            <translation>
                <numerusform>%Ln Chat</numerusform>
                <numerusform>%Ln Chats</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n message(s)</source>
            <translation>
                <numerusform>%Ln Nachricht</numerusform>
                <numerusform>%Ln Nachrichten</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SearchDialog</name>
        <message>
            <source>Type words to find in the messages on this computer. Use quotes for an exact phrase.</source>
            <translation>Geben Sie Wörter ein, die in den Nachrichten auf diesem Computer gesucht werden sollen. Setzen Sie eine genaue Wortfolge in Anführungszeichen.</translation>
        </message>
        <message>
            <source>No message on this computer matches.</source>
            <translation>Keine Nachricht auf diesem Computer passt.</translation>
        </message>
        <message>
            <source>Preparing older messages for search: {indexed} of {total}. Results may be incomplete until then.</source>
            <translation>Ältere Nachrichten werden für die Suche vorbereitet: {indexed} von {total}. Bis dahin sind die Ergebnisse eventuell unvollständig.</translation>
        </message>
        <message>
            <source>Search messages</source>
            <translation>Nachrichten durchsuchen</translation>
        </message>
        <message>
            <source>Search messages on this computer</source>
            <translation>Nachrichten auf diesem Computer durchsuchen</translation>
        </message>
        <message>
            <source>Search results</source>
            <translation>Suchergebnisse</translation>
        </message>
        <message>
            <source>Private note</source>
            <translation>Private Notiz</translation>
        </message>
        <message>
            <source>{sender} in {chat}, {account}, {when}: {message}</source>
            <translation>{sender} in {chat}, {account}, {when}: {message}</translation>
        </message>
        <message>
            <source>{sender} in {chat}, {when}: {message}</source>
            <translation>{sender} in {chat}, {when}: {message}</translation>
        </message>
        <message numerus="yes">
            <source>%n message(s), newest first</source>
            <translation>
                <numerusform>%Ln Nachricht, neueste zuerst</numerusform>
                <numerusform>%Ln Nachrichten, neueste zuerst</numerusform>
            </translation>
        </message>
        <message>
            <source>1 message</source>
            <translation>1 Nachricht</translation>
        </message>
        <message>
            <source>The search could not run. {reason}</source>
            <translation>Die Suche konnte nicht ausgeführt werden. {reason}</translation>
        </message>
        <message>
            <source>Someone</source>
            <translation>Jemand</translation>
        </message>
        <message>
            <source>A chat</source>
            <translation>Ein Chat</translation>
        </message>
        <message>
            <source>about {name}</source>
            <translation>über {name}</translation>
        </message>
    </context>
    <context>
        <name>SecretField</name>
        <message>
            <source>Show</source>
            <translation>Anzeigen</translation>
        </message>
        <message>
            <source>Hide</source>
            <translation>Ausblenden</translation>
        </message>
        <message>
            <source>API key</source>
            <translation>API-Schlüssel</translation>
        </message>
        <message>
            <source>Show or hide the API key</source>
            <translation>API-Schlüssel anzeigen oder ausblenden</translation>
        </message>
    </context>
    <context>
        <name>SentInvitations</name>
        <message>
            <source>No invitations are waiting for an answer on this account.</source>
            <translation>Auf diesem Konto warten keine Einladungen auf eine Antwort.</translation>
        </message>
        <message>
            <source>Loading the invitations this account sent…</source>
            <translation>Die von diesem Konto gesendeten Einladungen werden geladen…</translation>
        </message>
        <message>
            <source>The sent invitations could not be loaded.</source>
            <translation>Die gesendeten Einladungen konnten nicht geladen werden.</translation>
        </message>
        <message>
            <source>Someone</source>
            <translation>Jemand</translation>
        </message>
        <message>
            <source>Sent yesterday</source>
            <translation>Gestern gesendet</translation>
        </message>
        <message>
            <source>Sent {date}</source>
            <translation>Gesendet: {date}</translation>
        </message>
        <message>
            <source>Withdrawing…</source>
            <translation>Wird zurückgezogen…</translation>
        </message>
        <message>
            <source>No note</source>
            <translation>Keine Notiz</translation>
        </message>
        <message>
            <source>Dismiss</source>
            <translation>Ausblenden</translation>
        </message>
        <message>
            <source>Dismiss error</source>
            <translation>Fehlermeldung ausblenden</translation>
        </message>
        <message>
            <source>Invitations to connect sent from this account that wait for an answer, newest first.</source>
            <translation>Von diesem Konto gesendete Einladungen zum Vernetzen, die auf eine Antwort warten, neueste zuerst.</translation>
        </message>
        <message>
            <source>Sent invitations</source>
            <translation>Gesendete Einladungen</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>Aktualisieren</translation>
        </message>
        <message>
            <source>Load the list again from the server</source>
            <translation>Liste erneut vom Server laden</translation>
        </message>
        <message>
            <source>Load more</source>
            <translation>Mehr laden</translation>
        </message>
        <message>
            <source>Load older invitations</source>
            <translation>Ältere Einladungen laden</translation>
        </message>
        <message>
            <source>Withdraw…</source>
            <translation>Zurückziehen…</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Schließen</translation>
        </message>
        <message>
            <source>Withdraw invitation</source>
            <translation>Einladung zurückziehen</translation>
        </message>
        <message>
            <source>LinkedIn may not let you invite them again for up to three weeks.</source>
            <translation>LinkedIn lässt Sie diese Person möglicherweise bis zu drei Wochen lang nicht erneut einladen.</translation>
        </message>
        <message>
            <source>Withdraw</source>
            <translation>Zurückziehen</translation>
        </message>
        <message>
            <source>Sent today, {time}</source>
            <translation>Heute um {time} gesendet</translation>
        </message>
        <message>
            <source>no note</source>
            <translation>keine Notiz</translation>
        </message>
        <message>
            <source>{name}, {when}, {note}, withdrawing</source>
            <translation>{name}, {when}, {note}, wird zurückgezogen</translation>
        </message>
        <message>
            <source>{name}, {when}, {note}</source>
            <translation>{name}, {when}, {note}</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>Wird geladen…</translation>
        </message>
        <message>
            <source>Select an invitation first</source>
            <translation>Wählen Sie zuerst eine Einladung aus</translation>
        </message>
        <message>
            <source>“{note}”</source>
            <translation>„{note}“</translation>
        </message>
        <message>
            <source>Sent invitations — {account}</source>
            <translation>Gesendete Einladungen — {account}</translation>
        </message>
        <message>
            <source>Withdraw the invitation to {name}?</source>
            <translation>Die Einladung an {name} zurückziehen?</translation>
        </message>
        <message>
            <source>note: {note}</source>
            <translation>Notiz: {note}</translation>
        </message>
        <message>
            <source>Note: {note}</source>
            <translation>Notiz: {note}</translation>
        </message>
        <message>
            <source>Withdraw the invitation to {name}</source>
            <translation>Die Einladung an {name} zurückziehen</translation>
        </message>
    </context>
    <context>
        <name>Session</name>
        <message>
            <source>Demo data on this computer</source>
            <translation>Demodaten auf diesem Computer</translation>
        </message>
        <message>
            <source>made up for the demo; not stored</source>
            <translation>für die Demo erfunden; nicht gespeichert</translation>
        </message>
        <message>
            <source>in memory for this session only; never written to disk</source>
            <translation>nur für diese Sitzung im Arbeitsspeicher; nie auf die Festplatte geschrieben</translation>
        </message>
        <message>
            <source>Profile “{name}”</source>
            <translation>Profil „{name}“</translation>
        </message>
        <message>
            <source>From the environment ({variable})</source>
            <translation>Aus der Umgebungsvariablen ({variable})</translation>
        </message>
        <message>
            <source>in the system keyring ({backend})</source>
            <translation>im Schlüsselbund des Systems ({backend})</translation>
        </message>
        <message>
            <source>from {variable}; not stored by the app</source>
            <translation>aus {variable}; von der App nicht gespeichert</translation>
        </message>
    </context>
    <context>
        <name>SettingsFile</name>
        <message>
            <source>The settings file {path} could not be used because {reason}. It was kept as {backup} and the app starts with no profiles.</source>
            <translation>Die Einstellungsdatei {path} konnte nicht verwendet werden, weil {reason}. Sie wurde als {backup} aufbewahrt, und die App startet ohne Profile.</translation>
        </message>
        <message>
            <source>it does not hold a settings object</source>
            <translation>sie kein Einstellungsobjekt enthält</translation>
        </message>
        <message>
            <source>its “profiles” entry is not a list</source>
            <translation>ihr Eintrag „profiles“ keine Liste ist</translation>
        </message>
        <message>
            <source>its “last_profile” entry is not a name</source>
            <translation>ihr Eintrag „last_profile“ kein Name ist</translation>
        </message>
        <message>
            <source>There is no profile named “{name}”.</source>
            <translation>Es gibt kein Profil namens „{name}“.</translation>
        </message>
        <message>
            <source>it could not be read ({error})</source>
            <translation>sie nicht gelesen werden konnte ({error})</translation>
        </message>
        <message>
            <source>it is not valid JSON (line {line}, column {column})</source>
            <translation>sie kein gültiges JSON ist (Zeile {line}, Spalte {column})</translation>
        </message>
        <message>
            <source>The settings file {path} could not be used because {reason}, and it could not be moved aside ({error}). The app starts with no profiles and will not overwrite that file; fix or remove it, then restart.</source>
            <translation>Die Einstellungsdatei {path} konnte nicht verwendet werden, weil {reason}, und sie konnte nicht beiseitegelegt werden ({error}). Die App startet ohne Profile und überschreibt diese Datei nicht; korrigieren oder entfernen Sie sie und starten Sie die App dann neu.</translation>
        </message>
        <message>
            <source>The settings file {path} could not be saved ({error}). Check that the folder exists and is writable.</source>
            <translation>Die Einstellungsdatei {path} konnte nicht gespeichert werden ({error}). Prüfen Sie, ob der Ordner existiert und beschreibbar ist.</translation>
        </message>
        <message>
            <source>profile number {position} is invalid: {error}</source>
            <translation>Profil Nummer {position} ungültig ist: {error}</translation>
        </message>
        <message>
            <source>A profile named “{name}” already exists. Choose another name or edit that profile.</source>
            <translation>Ein Profil namens „{name}“ existiert bereits. Wählen Sie einen anderen Namen oder bearbeiten Sie dieses Profil.</translation>
        </message>
        <message>
            <source>it is not UTF-8 text</source>
            <translation>sie kein UTF-8-Text ist</translation>
        </message>
        <message>
            <source>it was written by a newer version of the app (format {version})</source>
            <translation>sie von einer neueren Version der App geschrieben wurde (Format {version})</translation>
        </message>
        <message>
            <source>“{id}” cannot be used as a profile id.</source>
            <translation>„{id}“ kann nicht als Profil-ID verwendet werden.</translation>
        </message>
        <message>
            <source>profile number {position} is not an object</source>
            <translation>Profil Nummer {position} kein Objekt ist</translation>
        </message>
        <message>
            <source>profile number {position} lacks a name or a DSN</source>
            <translation>bei Profil Nummer {position} der Name oder die DSN fehlt</translation>
        </message>
        <message>
            <source>profile number {position} has an unusable id</source>
            <translation>Profil Nummer {position} eine unbrauchbare ID hat</translation>
        </message>
        <message>
            <source>the profile name “{name}” appears twice</source>
            <translation>der Profilname „{name}“ zweimal vorkommt</translation>
        </message>
        <message>
            <source>the profile id {id} appears twice</source>
            <translation>die Profil-ID {id} zweimal vorkommt</translation>
        </message>
        <message>
            <source>Another profile already has the id {id}.</source>
            <translation>Ein anderes Profil hat bereits die ID {id}.</translation>
        </message>
    </context>
    <context>
        <name>Shortcuts</name>
        <message>
            <source>Chats</source>
            <translation>Chats</translation>
        </message>
        <message>
            <source>Conversation</source>
            <translation>Unterhaltung</translation>
        </message>
        <message>
            <source>Find</source>
            <translation>Suchen</translation>
        </message>
        <message>
            <source>Application</source>
            <translation>Anwendung</translation>
        </message>
        <message>
            <source>New chat</source>
            <translation>Neuer Chat</translation>
        </message>
        <message>
            <source>Go to a chat or command</source>
            <translation>Zu einem Chat oder Befehl springen</translation>
        </message>
        <message>
            <source>Previous chat in the list</source>
            <translation>Vorheriger Chat in der Liste</translation>
        </message>
        <message>
            <source>Next chat in the list</source>
            <translation>Nächster Chat in der Liste</translation>
        </message>
        <message>
            <source>Next waiting chat (longest wait first)</source>
            <translation>Nächster wartender Chat (längste Wartezeit zuerst)</translation>
        </message>
        <message>
            <source>Mark done</source>
            <translation>Als erledigt markieren</translation>
        </message>
        <message>
            <source>Mark unread</source>
            <translation>Als ungelesen markieren</translation>
        </message>
        <message>
            <source>Back to the chat list</source>
            <translation>Zurück zur Chatliste</translation>
        </message>
        <message>
            <source>Insert a canned reply (or type / at the start of a line)</source>
            <translation>Textbaustein einfügen (oder / am Zeilenanfang tippen)</translation>
        </message>
        <message>
            <source>Reply to the selected message (or the newest from the customer)</source>
            <translation>Auf die ausgewählte Nachricht antworten (oder auf die neueste des Kunden)</translation>
        </message>
        <message>
            <source>Show or hide the customer's card</source>
            <translation>Kundenkarte ein- oder ausblenden</translation>
        </message>
        <message>
            <source>Send</source>
            <translation>Senden</translation>
        </message>
        <message>
            <source>New line in the message</source>
            <translation>Neue Zeile in der Nachricht</translation>
        </message>
        <message>
            <source>Filter the chat list</source>
            <translation>Chatliste filtern</translation>
        </message>
        <message>
            <source>Search messages on this computer</source>
            <translation>Nachrichten auf diesem Computer durchsuchen</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>Aktualisieren</translation>
        </message>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>Tastenkürzel</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>Beenden</translation>
        </message>
        <message>
            <source>{action} ({keys})</source>
            <translation>{action} ({keys})</translation>
        </message>
        <message>
            <source>{keys} or {key}</source>
            <translation>{keys} oder {key}</translation>
        </message>
    </context>
    <context>
        <name>SnoozeDialog</name>
        <message>
            <source>Choose a time…</source>
            <translation>Zeitpunkt wählen…</translation>
        </message>
        <message>
            <source>1 hour</source>
            <translation>1 Stunde</translation>
        </message>
        <message>
            <source>Tomorrow 9:00</source>
            <translation>Morgen um 9:00</translation>
        </message>
        <message>
            <source>Next Monday 9:00</source>
            <translation>Nächsten Montag um 9:00</translation>
        </message>
        <message>
            <source>d MMM</source>
            <comment>date format</comment>
            <translation>d. MMM</translation>
        </message>
        <message>
            <source>ddd d MMM yyyy</source>
            <comment>date format</comment>
            <translation>ddd, d. MMM yyyy</translation>
        </message>
        <message>
            <source>{date} {time}</source>
            <translation>{date} {time}</translation>
        </message>
        <message>
            <source>Snooze until</source>
            <translation>Zurückstellen bis</translation>
        </message>
        <message>
            <source>Snooze</source>
            <translation>Zurückstellen</translation>
        </message>
        <message>
            <source>tomorrow {time}</source>
            <translation>morgen {time}</translation>
        </message>
        <message>
            <source>{weekday} {time}</source>
            <translation>{weekday} {time}</translation>
        </message>
        <message>
            <source>Bring this chat back to Waiting at:</source>
            <translation>Diesen Chat zurück nach „Wartend“ holen am:</translation>
        </message>
        <message>
            <source>Choose a time in the future.</source>
            <translation>Wählen Sie einen Zeitpunkt in der Zukunft.</translation>
        </message>
        <message>
            <source>Bring “{chat}” back at:</source>
            <translation>„{chat}“ zurückholen am:</translation>
        </message>
    </context>
    <context>
        <name>SpokenRow</name>
        <message>
            <source>Chat</source>
            <translation>Chat</translation>
        </message>
        <message>
            <source>InMail</source>
            <translation>InMail</translation>
        </message>
        <message numerus="yes">
            <source>%n unread</source>
            <translation>
                <numerusform>%Ln ungelesen</numerusform>
                <numerusform>%Ln ungelesen</numerusform>
            </translation>
        </message>
        <message>
            <source>{row}: {preview}</source>
            <translation>{row}: {preview}</translation>
        </message>
        <message>
            <source>labels {labels}</source>
            <translation>Labels {labels}</translation>
        </message>
    </context>
    <context>
        <name>Sync</name>
        <message>
            <source>Unexpected error: {error}</source>
            <translation>Unerwarteter Fehler: {error}</translation>
        </message>
    </context>
    <context>
        <name>SyncIndicator</name>
        <message>
            <source>Connection status</source>
            <translation>Verbindungsstatus</translation>
        </message>
    </context>
    <context>
        <name>Tasks</name>
        <message>
            <source>Unexpected error: {name}. Details are in the log.</source>
            <translation>Unerwarteter Fehler: {name}. Details stehen im Protokoll.</translation>
        </message>
    </context>
    <context>
        <name>ThemeMenu</name>
        <message>
            <source>&amp;System</source>
            <translation>&amp;System</translation>
        </message>
        <message>
            <source>&amp;Light</source>
            <translation>&amp;Hell</translation>
        </message>
        <message>
            <source>&amp;Dark</source>
            <translation>&amp;Dunkel</translation>
        </message>
        <message>
            <source>Follow the system's light or dark setting</source>
            <translation>Der hellen oder dunklen Einstellung des Systems folgen</translation>
        </message>
        <message>
            <source>Light colours</source>
            <translation>Helle Farben</translation>
        </message>
        <message>
            <source>Dark colours</source>
            <translation>Dunkle Farben</translation>
        </message>
    </context>
    <context>
        <name>Tray</name>
        <message>
            <source>{app} keeps running here, so new messages still reach you. Quit from this icon's menu.</source>
            <translation>{app} läuft hier weiter, damit neue Nachrichten Sie weiterhin erreichen. Beenden können Sie die App über das Menü dieses Symbols.</translation>
        </message>
        <message>
            <source>{app} — nothing waiting</source>
            <translation>{app} — niemand wartet</translation>
        </message>
        <message>
            <source>{count}+</source>
            <comment>more than this many</comment>
            <translation>{count}+</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Öffnen</translation>
        </message>
        <message>
            <source>Do not disturb</source>
            <translation>Nicht stören</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>Beenden</translation>
        </message>
        <message numerus="yes">
            <source>{app} — %n waiting</source>
            <translation>
                <numerusform>{app} — %Ln wartend</numerusform>
                <numerusform>{app} — %Ln wartend</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>WaitingQueue</name>
        <message>
            <source>waiting &lt;1 min</source>
            <translation>wartet seit &lt;1 Min.</translation>
        </message>
        <message>
            <source>waiting {days} d</source>
            <translation>wartet seit {days} T.</translation>
        </message>
        <message>
            <source>waiting {minutes} min</source>
            <translation>wartet seit {minutes} Min.</translation>
        </message>
        <message>
            <source>waiting {hours} h {minutes} min</source>
            <translation>wartet seit {hours} Std. {minutes} Min.</translation>
        </message>
        <message>
            <source>waiting {hours} h</source>
            <translation>wartet seit {hours} Std.</translation>
        </message>
    </context>
    <context>
        <name>WholeMessage</name>
        <message>
            <source>Lines longer than {count} characters are shown on several lines. Copy all copies the message exactly as written.</source>
            <translation>Zeilen mit mehr als {count} Zeichen werden auf mehrere Zeilen umbrochen. „Alles kopieren“ kopiert die Nachricht genau so, wie sie geschrieben wurde.</translation>
        </message>
        <message>
            <source>You</source>
            <translation>Sie</translation>
        </message>
        <message>
            <source>Message text</source>
            <translation>Nachrichtentext</translation>
        </message>
        <message>
            <source>Copy all</source>
            <translation>Alles kopieren</translation>
        </message>
        <message>
            <source>Message</source>
            <translation>Nachricht</translation>
        </message>
    </context>
    <context>
        <name>WindowActions</name>
        <message>
            <source>Nobody else is waiting for a reply.</source>
            <translation>Sonst wartet niemand auf eine Antwort.</translation>
        </message>
        <message>
            <source>&amp;New chat…</source>
            <translation>&amp;Neuer Chat…</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Beenden</translation>
        </message>
        <message>
            <source>&amp;Refresh</source>
            <translation>&amp;Aktualisieren</translation>
        </message>
        <message>
            <source>&amp;Filter chats</source>
            <translation>Chats &amp;filtern</translation>
        </message>
        <message>
            <source>Mark chats as read when &amp;opened</source>
            <translation>Chats beim Öffnen als &amp;gelesen markieren</translation>
        </message>
        <message>
            <source>When off (the default), opening a chat does not tell the customer it was read.</source>
            <translation>Wenn aus (Standard), erfährt der Kunde beim Öffnen eines Chats nicht, dass er gelesen wurde.</translation>
        </message>
        <message>
            <source>&amp;Notifications and queue…</source>
            <translation>&amp;Benachrichtigungen und Warteschlange…</translation>
        </message>
        <message>
            <source>&amp;Go to a chat or command…</source>
            <translation>Zu einem Chat oder Befehl &amp;springen…</translation>
        </message>
        <message>
            <source>&amp;Search messages…</source>
            <translation>&amp;Nachrichten durchsuchen…</translation>
        </message>
        <message>
            <source>Insert a &amp;canned reply…</source>
            <translation>&amp;Textbaustein einfügen…</translation>
        </message>
        <message>
            <source>&amp;Canned replies…</source>
            <translation>&amp;Textbausteine…</translation>
        </message>
        <message>
            <source>Create, edit, reorder, import and export the prepared answers</source>
            <translation>Die vorbereiteten Antworten erstellen, bearbeiten, sortieren, importieren und exportieren</translation>
        </message>
        <message>
            <source>Download &amp;whole history</source>
            <translation>&amp;Gesamten Verlauf herunterladen</translation>
        </message>
        <message>
            <source>Cache every message of the open chat on this computer, so that search finds them</source>
            <translation>Alle Nachrichten des geöffneten Chats auf diesem Computer speichern, damit die Suche sie findet</translation>
        </message>
        <message>
            <source>Customer &amp;card</source>
            <translation>&amp;Kundenkarte</translation>
        </message>
        <message>
            <source>Who the customer is: profile, other conversations, private notes, labels</source>
            <translation>Wer der Kunde ist: Profil, andere Unterhaltungen, private Notizen, Labels</translation>
        </message>
        <message>
            <source>&amp;Keyboard shortcuts</source>
            <translation>&amp;Tastenkürzel</translation>
        </message>
        <message>
            <source>Mark &amp;unread</source>
            <translation>Als &amp;ungelesen markieren</translation>
        </message>
        <message>
            <source>&amp;Reply to the message</source>
            <translation>Auf die Nachricht &amp;antworten</translation>
        </message>
        <message>
            <source>&amp;Previous chat</source>
            <translation>&amp;Vorheriger Chat</translation>
        </message>
        <message>
            <source>&amp;Next chat</source>
            <translation>&amp;Nächster Chat</translation>
        </message>
        <message>
            <source>Next &amp;waiting chat</source>
            <translation>Nächster &amp;wartender Chat</translation>
        </message>
        <message>
            <source>&amp;Back to the chat list</source>
            <translation>&amp;Zurück zur Chatliste</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Datei</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;Ansicht</translation>
        </message>
        <message>
            <source>&amp;Theme</source>
            <translation>&amp;Design</translation>
        </message>
        <message>
            <source>&amp;Language</source>
            <translation>&amp;Sprache</translation>
        </message>
        <message>
            <source>&amp;Go</source>
            <translation>&amp;Gehe zu</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>&amp;Hilfe</translation>
        </message>
        <message>
            <source>&amp;About {app}</source>
            <translation>Ü&amp;ber {app}</translation>
        </message>
    </context>
    <context>
        <name>Workbench</name>
        <message>
            <source>Snooze: {choice}</source>
            <translation>Zurückstellen: {choice}</translation>
        </message>
        <message numerus="yes">
            <source>History download stopped; %n message(s) kept.</source>
            <translation>
                <numerusform>Download des Verlaufs abgebrochen; %Ln Nachricht wurde behalten.</numerusform>
                <numerusform>Download des Verlaufs abgebrochen; %Ln Nachrichten wurden behalten.</numerusform>
            </translation>
        </message>
        <message>
            <source>New chat</source>
            <translation>Neuer Chat</translation>
        </message>
        <message>
            <source>Mark done</source>
            <translation>Als erledigt markieren</translation>
        </message>
        <message>
            <source>Next waiting chat</source>
            <translation>Nächster wartender Chat</translation>
        </message>
        <message>
            <source>Search messages</source>
            <translation>Nachrichten durchsuchen</translation>
        </message>
        <message>
            <source>Insert a canned reply</source>
            <translation>Textbaustein einfügen</translation>
        </message>
        <message>
            <source>Canned replies</source>
            <translation>Textbausteine</translation>
        </message>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>Tastenkürzel</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>Aktualisieren</translation>
        </message>
        <message>
            <source>Do not disturb</source>
            <translation>Nicht stören</translation>
        </message>
        <message>
            <source>Open a chat to insert a canned reply.</source>
            <translation>Öffnen Sie einen Chat, um einen Textbaustein einzufügen.</translation>
        </message>
        <message>
            <source>That chat is no longer on this computer.</source>
            <translation>Dieser Chat ist nicht mehr auf diesem Computer.</translation>
        </message>
        <message>
            <source>Cancel history download</source>
            <translation>Download des Verlaufs abbrechen</translation>
        </message>
        <message>
            <source>Download &amp;whole history</source>
            <translation>&amp;Gesamten Verlauf herunterladen</translation>
        </message>
        <message numerus="yes">
            <source>Downloading the history of a chat: %n message(s)…</source>
            <translation>
                <numerusform>Verlauf eines Chats wird heruntergeladen: %Ln Nachricht…</numerusform>
                <numerusform>Verlauf eines Chats wird heruntergeladen: %Ln Nachrichten…</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>The whole history of the chat is on this computer (%n message(s)): search finds it now.</source>
            <translation>
                <numerusform>Der gesamte Verlauf des Chats ist auf diesem Computer (%Ln Nachricht): Die Suche findet ihn jetzt.</numerusform>
                <numerusform>Der gesamte Verlauf des Chats ist auf diesem Computer (%Ln Nachrichten): Die Suche findet ihn jetzt.</numerusform>
            </translation>
        </message>
        <message>
            <source>Do not disturb (on / off)</source>
            <translation>Nicht stören (ein/aus)</translation>
        </message>
        <message>
            <source>Downloading the whole history of this chat…</source>
            <translation>Der gesamte Verlauf dieses Chats wird heruntergeladen…</translation>
        </message>
        <message numerus="yes">
            <source>Downloading the history of {title}: %n message(s)…</source>
            <translation>
                <numerusform>Verlauf von {title} wird heruntergeladen: %Ln Nachricht…</numerusform>
                <numerusform>Verlauf von {title} wird heruntergeladen: %Ln Nachrichten…</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>The whole history of {title} is on this computer (%n message(s)): search finds it now.</source>
            <translation>
                <numerusform>Der gesamte Verlauf von {title} ist auf diesem Computer (%Ln Nachricht): Die Suche findet ihn jetzt.</numerusform>
                <numerusform>Der gesamte Verlauf von {title} ist auf diesem Computer (%Ln Nachrichten): Die Suche findet ihn jetzt.</numerusform>
            </translation>
        </message>
        <message>
            <source>Downloading the whole history of {title}…</source>
            <translation>Der gesamte Verlauf von {title} wird heruntergeladen…</translation>
        </message>
    </context>
</TS>
