<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
    <context>
        <name>AboutDialog</name>
        <message>
            <source>A desktop messenger for support agents, on the Unipile API.</source>
            <translation>Une messagerie de bureau pour les agents du support client, basée sur l'API Unipile.</translation>
        </message>
        <message>
            <source>About {app}</source>
            <translation>À propos de {app}</translation>
        </message>
        <message>
            <source>Connection:</source>
            <translation>Connexion :</translation>
        </message>
        <message>
            <source>Server:</source>
            <translation>Serveur :</translation>
        </message>
        <message>
            <source>API key:</source>
            <translation>Clé d'API :</translation>
        </message>
        <message>
            <source>Keyring:</source>
            <translation>Trousseau de clés :</translation>
        </message>
        <message>
            <source>{backend} — a system keyring</source>
            <translation>{backend} — un trousseau de clés du système</translation>
        </message>
        <message>
            <source>{backend} — not a system keyring, so keys cannot be saved</source>
            <translation>{backend} — pas un trousseau de clés du système : les clés ne peuvent donc pas être enregistrées</translation>
        </message>
    </context>
    <context>
        <name>AccountChoice</name>
        <message>
            <source>Write from {account} on {provider}</source>
            <translation>Écrire depuis {account} sur {provider}</translation>
        </message>
        <message>
            <source>This account cannot send right now ({reason}). Reconnect it in the Unipile dashboard.</source>
            <translation>Ce compte ne peut pas envoyer de messages pour le moment ({reason}). Reconnectez-le dans le tableau de bord Unipile.</translation>
        </message>
    </context>
    <context>
        <name>AccountPicker</name>
        <message>
            <source>All accounts</source>
            <translation>Tous les comptes</translation>
        </message>
        <message>
            <source>Chats of every connected account, newest first</source>
            <translation>Conversations de tous les comptes connectés, les plus récentes en premier</translation>
        </message>
        <message>
            <source>Account</source>
            <translation>Compte</translation>
        </message>
        <message>
            <source>{account} — {status}</source>
            <translation>{account} — {status}</translation>
        </message>
        <message>
            <source>{provider}: {account}</source>
            <translation>{provider} : {account}</translation>
        </message>
        <message>
            <source>Status: {status}. Reconnect this account in the Unipile dashboard.</source>
            <translation>État : {status}. Reconnectez ce compte dans le tableau de bord Unipile.</translation>
        </message>
    </context>
    <context>
        <name>Accounts</name>
        <message>
            <source>reconnect needed</source>
            <translation>reconnexion nécessaire</translation>
        </message>
        <message>
            <source>error</source>
            <translation>erreur</translation>
        </message>
        <message>
            <source>stopped</source>
            <translation>arrêté</translation>
        </message>
        <message>
            <source>permissions missing</source>
            <translation>autorisations manquantes</translation>
        </message>
        <message>
            <source>connecting…</source>
            <translation>connexion en cours…</translation>
        </message>
    </context>
    <context>
        <name>Announcer</name>
        <message>
            <source>Message sent</source>
            <translation>Message envoyé</translation>
        </message>
        <message>
            <source>Message in another chat sent</source>
            <translation>Message envoyé dans une autre conversation</translation>
        </message>
        <message>
            <source>Attachment</source>
            <translation>Pièce jointe</translation>
        </message>
        <message>
            <source>New message from {sender}: {text}</source>
            <translation>Nouveau message de {sender} : {text}</translation>
        </message>
        <message>
            <source>New message from {sender}</source>
            <translation>Nouveau message de {sender}</translation>
        </message>
        <message numerus="yes">
            <source>%n new message(s), the last from {sender}: {text}</source>
            <translation>
                <numerusform>%Ln nouveau message de {sender} : {text}</numerusform>
                <numerusform>%Ln nouveaux messages, le dernier de {sender} : {text}</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n new message(s), the last from {sender}</source>
            <translation>
                <numerusform>%Ln nouveau message de {sender}</numerusform>
                <numerusform>%Ln nouveaux messages, le dernier de {sender}</numerusform>
            </translation>
        </message>
        <message>
            <source>Message not sent</source>
            <translation>Message non envoyé</translation>
        </message>
        <message>
            <source>Message not sent: {reason}</source>
            <translation>Message non envoyé : {reason}</translation>
        </message>
        <message>
            <source>Message to {chat} not sent</source>
            <translation>Message à {chat} non envoyé</translation>
        </message>
        <message>
            <source>Message to {chat} not sent: {reason}</source>
            <translation>Message à {chat} non envoyé : {reason}</translation>
        </message>
        <message>
            <source>Message in another chat not sent</source>
            <translation>Message non envoyé dans une autre conversation</translation>
        </message>
        <message>
            <source>Message in another chat not sent: {reason}</source>
            <translation>Message non envoyé dans une autre conversation : {reason}</translation>
        </message>
        <message>
            <source>Not sure the message was sent</source>
            <translation>Envoi du message non confirmé</translation>
        </message>
        <message>
            <source>Not sure the message was sent: {reason}</source>
            <translation>Envoi du message non confirmé : {reason}</translation>
        </message>
        <message>
            <source>Not sure the message to {chat} was sent</source>
            <translation>Envoi du message à {chat} non confirmé</translation>
        </message>
        <message>
            <source>Not sure the message to {chat} was sent: {reason}</source>
            <translation>Envoi du message à {chat} non confirmé : {reason}</translation>
        </message>
        <message>
            <source>Not sure the message in another chat was sent</source>
            <translation>Envoi du message dans une autre conversation non confirmé</translation>
        </message>
        <message>
            <source>Not sure the message in another chat was sent: {reason}</source>
            <translation>Envoi du message dans une autre conversation non confirmé : {reason}</translation>
        </message>
        <message>
            <source>Message to {chat} sent</source>
            <translation>Message à {chat} envoyé</translation>
        </message>
        <message>
            <source>Not sent</source>
            <translation>Non envoyé</translation>
        </message>
    </context>
    <context>
        <name>ApiClient</name>
        <message>
            <source>“{dsn}” is not a server address like api1.unipile.com:13111.</source>
            <translation>« {dsn} » n'est pas une adresse de serveur du type api1.unipile.com:13111.</translation>
        </message>
        <message>
            <source>The connection to the server was lost.</source>
            <translation>La connexion au serveur a été perdue.</translation>
        </message>
        <message>
            <source>The server address is empty.</source>
            <translation>L'adresse du serveur est vide.</translation>
        </message>
        <message>
            <source>Plain http is only allowed for this computer (localhost, 127.0.0.1): elsewhere it would send the API key unencrypted. Use https.</source>
            <translation>Le protocole http simple n'est autorisé que pour cet ordinateur (localhost, 127.0.0.1) : ailleurs, la clé d'API serait envoyée sans chiffrement. Utilisez https.</translation>
        </message>
        <message>
            <source>The server took longer than {seconds} s to answer, so the app stopped waiting. Nothing was changed.</source>
            <translation>Le serveur a mis plus de {seconds} s à répondre : l'application a cessé d'attendre. Rien n'a été modifié.</translation>
        </message>
        <message>
            <source>The server took longer than {seconds} s to answer, so the app stopped waiting. It may still have done it.</source>
            <translation>Le serveur a mis plus de {seconds} s à répondre : l'application a cessé d'attendre. L'action a peut-être quand même été effectuée.</translation>
        </message>
        <message>
            <source>The server did not answer in time (connecting).</source>
            <translation>Le serveur n'a pas répondu à temps (lors de la connexion).</translation>
        </message>
        <message>
            <source>Could not connect to the server. Check the address and your connection.</source>
            <translation>Impossible de se connecter au serveur. Vérifiez l'adresse et votre connexion.</translation>
        </message>
        <message>
            <source>Too many requests are waiting; the app is busy.</source>
            <translation>Trop de requêtes sont en attente ; l'application est occupée.</translation>
        </message>
        <message>
            <source>The server did not answer in time.</source>
            <translation>Le serveur n'a pas répondu à temps.</translation>
        </message>
        <message>
            <source>The server address is not valid.</source>
            <translation>L'adresse du serveur n'est pas valide.</translation>
        </message>
        <message>
            <source>The server's security certificate could not be verified.</source>
            <translation>Le certificat de sécurité du serveur n'a pas pu être vérifié.</translation>
        </message>
        <message>
            <source>The request contained characters that cannot be sent.</source>
            <translation>La requête contenait des caractères qui ne peuvent pas être envoyés.</translation>
        </message>
        <message>
            <source>“{dsn}” has an invalid port.</source>
            <translation>Le port de « {dsn} » n'est pas valide.</translation>
        </message>
        <message>
            <source>The connection was closed.</source>
            <translation>La connexion a été fermée.</translation>
        </message>
    </context>
    <context>
        <name>ApiErrors</name>
        <message>
            <source>The API key is missing. Enter your Unipile API key in the connection settings.</source>
            <translation>La clé d'API est manquante. Saisissez votre clé d'API Unipile dans les paramètres de connexion.</translation>
        </message>
        <message>
            <source>The API key was rejected. Check the key in the connection settings.</source>
            <translation>La clé d'API a été refusée. Vérifiez la clé dans les paramètres de connexion.</translation>
        </message>
        <message>
            <source>This account's sign-in with the provider has expired. Reconnect it in the Unipile dashboard.</source>
            <translation>La connexion de ce compte à la plateforme a expiré. Reconnectez-le dans le tableau de bord Unipile.</translation>
        </message>
        <message>
            <source>The provider asks this account to confirm its identity. Reconnect it in the Unipile dashboard.</source>
            <translation>La plateforme demande à ce compte de confirmer son identité. Reconnectez-le dans le tableau de bord Unipile.</translation>
        </message>
        <message>
            <source>This account is disconnected from Unipile. Reconnect it in the Unipile dashboard, then try again.</source>
            <translation>Ce compte est déconnecté d'Unipile. Reconnectez-le dans le tableau de bord Unipile, puis réessayez.</translation>
        </message>
        <message>
            <source>LinkedIn Recruiter is open in another session. Close the other session, then try again.</source>
            <translation>LinkedIn Recruiter est ouvert dans une autre session. Fermez l'autre session, puis réessayez.</translation>
        </message>
        <message>
            <source>This account is not allowed to do that.</source>
            <translation>Ce compte n'est pas autorisé à effectuer cette action.</translation>
        </message>
        <message>
            <source>The provider has restricted this account. Check it in the provider's app.</source>
            <translation>La plateforme a restreint ce compte. Vérifiez-le dans l'application de la plateforme.</translation>
        </message>
        <message>
            <source>This account does not have that LinkedIn product (Recruiter or Sales Navigator).</source>
            <translation>Ce compte ne dispose pas de ce produit LinkedIn (Recruiter ou Sales Navigator).</translation>
        </message>
        <message>
            <source>This needs a paid subscription on the provider.</source>
            <translation>Cette action nécessite un abonnement payant sur la plateforme.</translation>
        </message>
        <message>
            <source>It no longer exists on the server (it may have been deleted).</source>
            <translation>Cet élément n'existe plus sur le serveur (il a peut-être été supprimé).</translation>
        </message>
        <message>
            <source>The server did not recognise that identifier.</source>
            <translation>Le serveur n'a pas reconnu cet identifiant.</translation>
        </message>
        <message>
            <source>The server refused the format of the request. This is a bug in the app.</source>
            <translation>Le serveur a refusé le format de la requête. Il s'agit d'un bug de l'application.</translation>
        </message>
        <message>
            <source>The message or attachment is too large for this provider.</source>
            <translation>Le message ou la pièce jointe est trop volumineux pour cette plateforme.</translation>
        </message>
        <message>
            <source>The message is too long for this provider. Shorten it and send again.</source>
            <translation>Le message est trop long pour cette plateforme. Raccourcissez-le et renvoyez-le.</translation>
        </message>
        <message>
            <source>The server refused the request as invalid.</source>
            <translation>Le serveur a refusé la requête, qu'il juge non valide.</translation>
        </message>
        <message>
            <source>Something required was missing: a message needs text or an attachment.</source>
            <translation>Un élément obligatoire manquait : un message doit contenir du texte ou une pièce jointe.</translation>
        </message>
        <message>
            <source>That recipient cannot be found on this account.</source>
            <translation>Ce destinataire est introuvable sur ce compte.</translation>
        </message>
        <message>
            <source>You can only message your LinkedIn connections without InMail. Turn on InMail or invite this person first.</source>
            <translation>Sans InMail, vous ne pouvez écrire qu'à vos relations LinkedIn. Activez InMail ou invitez d'abord cette personne.</translation>
        </message>
        <message>
            <source>This person has blocked messages from this account.</source>
            <translation>Cette personne a bloqué les messages de ce compte.</translation>
        </message>
        <message>
            <source>This person cannot be reached on this provider right now.</source>
            <translation>Cette personne est injoignable sur cette plateforme pour le moment.</translation>
        </message>
        <message>
            <source>This LinkedIn account cannot send InMail. It needs a Premium subscription.</source>
            <translation>Ce compte LinkedIn ne peut pas envoyer d'InMail. Il lui faut un abonnement Premium.</translation>
        </message>
        <message>
            <source>No InMail credits left for this LinkedIn product. Wait for credits to renew or pick another API.</source>
            <translation>Il ne reste plus de crédits InMail pour ce produit LinkedIn. Attendez le renouvellement des crédits ou choisissez une autre API.</translation>
        </message>
        <message>
            <source>The provider does not allow sending this again yet. Try again later.</source>
            <translation>La plateforme ne permet pas encore de renvoyer ceci. Réessayez plus tard.</translation>
        </message>
        <message>
            <source>The provider does not allow sending this again within 24 hours.</source>
            <translation>La plateforme ne permet pas de renvoyer ceci avant 24 heures.</translation>
        </message>
        <message>
            <source>The provider's sending limit for this account is reached. Try again later.</source>
            <translation>La limite d'envoi de la plateforme est atteinte pour ce compte. Réessayez plus tard.</translation>
        </message>
        <message>
            <source>The provider does not allow sending messages in this conversation.</source>
            <translation>La plateforme ne permet pas d'envoyer des messages dans cette conversation.</translation>
        </message>
        <message>
            <source>The provider refused this message.</source>
            <translation>La plateforme a refusé ce message.</translation>
        </message>
        <message>
            <source>This conversation cannot be used on the provider any more.</source>
            <translation>Cette conversation n'est plus utilisable sur la plateforme.</translation>
        </message>
        <message>
            <source>The provider (LinkedIn, WhatsApp, …) could not be reached. Try again shortly.</source>
            <translation>Impossible de joindre la plateforme (LinkedIn, WhatsApp…). Réessayez dans un instant.</translation>
        </message>
        <message>
            <source>The provider is refusing more requests for now. The app will try again shortly.</source>
            <translation>La plateforme refuse de nouvelles requêtes pour le moment. L'application réessaiera dans un instant.</translation>
        </message>
        <message>
            <source>This provider does not support that action.</source>
            <translation>Cette plateforme ne prend pas en charge cette action.</translation>
        </message>
        <message>
            <source>The provider took too long to answer.</source>
            <translation>La plateforme a mis trop de temps à répondre.</translation>
        </message>
        <message>
            <source>This account cannot do that (for example, it is not a LinkedIn account).</source>
            <translation>Ce compte ne peut pas effectuer cette action (par exemple, ce n'est pas un compte LinkedIn).</translation>
        </message>
        <message>
            <source>The provider could not process this request as it is.</source>
            <translation>La plateforme n'a pas pu traiter cette requête telle quelle.</translation>
        </message>
        <message>
            <source>That was already done on the provider.</source>
            <translation>Cette action a déjà été effectuée sur la plateforme.</translation>
        </message>
        <message>
            <source>The provider refused this post.</source>
            <translation>La plateforme a refusé cette publication.</translation>
        </message>
        <message>
            <source>This person already has an invitation from this account, or was invited recently. Wait before inviting them again.</source>
            <translation>Cette personne a déjà reçu une invitation de ce compte, ou a été invitée récemment. Attendez avant de l'inviter à nouveau.</translation>
        </message>
        <message>
            <source>LinkedIn does not allow inviting this person (they may already be a connection).</source>
            <translation>LinkedIn ne permet pas d'inviter cette personne (elle fait peut-être déjà partie de vos relations).</translation>
        </message>
        <message>
            <source>The request asked for too many items at once.</source>
            <translation>La requête demandait trop d'éléments à la fois.</translation>
        </message>
        <message>
            <source>The provider did not allow this action for this account.</source>
            <translation>La plateforme n'a pas autorisé cette action pour ce compte.</translation>
        </message>
        <message>
            <source>This account's configuration on Unipile is incomplete. Check it in the Unipile dashboard.</source>
            <translation>La configuration de ce compte sur Unipile est incomplète. Vérifiez-la dans le tableau de bord Unipile.</translation>
        </message>
        <message>
            <source>The account's connection to the provider is still starting. Try again in a moment.</source>
            <translation>La connexion du compte à la plateforme est encore en cours de démarrage. Réessayez dans un instant.</translation>
        </message>
        <message>
            <source>The email being replied to no longer exists.</source>
            <translation>L'e-mail auquel vous répondez n'existe plus.</translation>
        </message>
        <message>
            <source>The reply's subject is not valid for this email thread.</source>
            <translation>L'objet de la réponse n'est pas valide pour ce fil d'e-mails.</translation>
        </message>
        <message>
            <source>The email headers were refused.</source>
            <translation>Les en-têtes de l'e-mail ont été refusés.</translation>
        </message>
        <message>
            <source>This mailbox may not send as that address.</source>
            <translation>Cette boîte mail n'est pas autorisée à envoyer depuis cette adresse.</translation>
        </message>
        <message>
            <source>That mail folder does not exist.</source>
            <translation>Ce dossier de messagerie n'existe pas.</translation>
        </message>
        <message>
            <source>The mail server refused the sender address.</source>
            <translation>Le serveur de messagerie a refusé l'adresse de l'expéditeur.</translation>
        </message>
        <message>
            <source>The mail server refused a recipient address.</source>
            <translation>Le serveur de messagerie a refusé une adresse de destinataire.</translation>
        </message>
        <message>
            <source>The mail server refused the connection from Unipile.</source>
            <translation>Le serveur de messagerie a refusé la connexion d'Unipile.</translation>
        </message>
        <message>
            <source>The invitation note is too long: LinkedIn allows at most 300 characters. Shorten it and send again.</source>
            <translation>La note d'invitation est trop longue : LinkedIn autorise 300 caractères au maximum. Raccourcissez-la et renvoyez-la.</translation>
        </message>
        <message>
            <source>LinkedIn's invitation limit for this account is reached (it counts invitations per week). Try again later.</source>
            <translation>La limite d'invitations LinkedIn de ce compte est atteinte (elle est calculée par semaine). Réessayez plus tard.</translation>
        </message>
        <message>
            <source>Something went wrong talking to Unipile.</source>
            <translation>Un problème est survenu lors de l'échange avec Unipile.</translation>
        </message>
        <message>
            <source>Unipile refused the API key.</source>
            <translation>Unipile a refusé la clé d'API.</translation>
        </message>
        <message>
            <source>It no longer exists on the server.</source>
            <translation>Cet élément n'existe plus sur le serveur.</translation>
        </message>
        <message>
            <source>The server refused the request.</source>
            <translation>Le serveur a refusé la requête.</translation>
        </message>
        <message>
            <source>Too many requests for now. The app will try again shortly.</source>
            <translation>Trop de requêtes pour le moment. L'application réessaiera dans un instant.</translation>
        </message>
        <message>
            <source>Unipile had a problem. Try again in a moment.</source>
            <translation>Unipile a rencontré un problème. Réessayez dans un instant.</translation>
        </message>
        <message>
            <source>Could not reach the server. Check the connection.</source>
            <translation>Impossible de joindre le serveur. Vérifiez la connexion.</translation>
        </message>
        <message>
            <source>The server answered something the app could not read.</source>
            <translation>Le serveur a renvoyé une réponse que l'application n'a pas pu lire.</translation>
        </message>
        <message>
            <source>The server's answer was too large; it was not read.</source>
            <translation>La réponse du serveur était trop volumineuse ; elle n'a pas été lue.</translation>
        </message>
    </context>
    <context>
        <name>ApiKeyDialog</name>
        <message>
            <source>&amp;Use this key</source>
            <translation>&amp;Utiliser cette clé</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Annuler</translation>
        </message>
        <message>
            <source>Checking the key…</source>
            <translation>Vérification de la clé…</translation>
        </message>
        <message>
            <source>API key rejected</source>
            <translation>Clé d'API refusée</translation>
        </message>
        <message>
            <source>Paste the new API key</source>
            <translation>Collez la nouvelle clé d'API</translation>
        </message>
        <message>
            <source>Unipile rejected the API key of the profile “{profile}”. It may have been revoked or replaced. Enter the current key from the Unipile dashboard; nothing you typed is lost.</source>
            <translation>Unipile a refusé la clé d'API du profil « {profile} ». Elle a peut-être été révoquée ou remplacée. Saisissez la clé actuelle, indiquée dans le tableau de bord Unipile ; rien de ce que vous avez saisi n'est perdu.</translation>
        </message>
    </context>
    <context>
        <name>ApiModels</name>
        <message>
            <source>The attachment “{name}” is no longer at {path}. Attach it again.</source>
            <translation>La pièce jointe « {name} » ne se trouve plus à l'emplacement {path}. Joignez-la à nouveau.</translation>
        </message>
        <message>
            <source>The attachment “{name}” could not be read ({reason}).</source>
            <translation>Impossible de lire la pièce jointe « {name} » ({reason}).</translation>
        </message>
    </context>
    <context>
        <name>Application</name>
        <message>
            <source>The profile could not be opened</source>
            <translation>Impossible d'ouvrir le profil</translation>
        </message>
    </context>
    <context>
        <name>AttachmentChips</name>
        <message>
            <source>Attach files</source>
            <translation>Joindre des fichiers</translation>
        </message>
        <message>
            <source>Remove {name}</source>
            <translation>Retirer {name}</translation>
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
            <translation>« {name} » pourrait être un programme : il n'est donc pas ouvert directement. Utilisez Enregistrer sous… et vérifiez-le d'abord.</translation>
        </message>
        <message>
            <source>Could not prepare the downloads folder: {reason}.</source>
            <translation>Impossible de préparer le dossier de téléchargement : {reason}.</translation>
        </message>
        <message>
            <source>Could not download the attachment. {reason}</source>
            <translation>Impossible de télécharger la pièce jointe. {reason}</translation>
        </message>
        <message>
            <source>Could not write “{name}”: {reason}.</source>
            <translation>Impossible d'écrire « {name} » : {reason}.</translation>
        </message>
    </context>
    <context>
        <name>Banner</name>
        <message>
            <source>Details…</source>
            <translation>Détails…</translation>
        </message>
        <message>
            <source>Show the whole message</source>
            <translation>Afficher le message en entier</translation>
        </message>
        <message>
            <source>Dismiss</source>
            <translation>Ignorer</translation>
        </message>
        <message>
            <source>Dismiss error</source>
            <translation>Ignorer l'erreur</translation>
        </message>
        <message>
            <source>Details</source>
            <translation>Détails</translation>
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
            <translation>Afficher le message en entier</translation>
        </message>
    </context>
    <context>
        <name>BubbleLayout</name>
        <message>
            <source>Not sure this was sent</source>
            <translation>Envoi non confirmé</translation>
        </message>
        <message>
            <source>Sent twice</source>
            <translation>Envoyé deux fois</translation>
        </message>
        <message>
            <source>Retry</source>
            <translation>Réessayer</translation>
        </message>
        <message>
            <source>Edit</source>
            <translation>Modifier</translation>
        </message>
        <message>
            <source>Discard</source>
            <translation>Abandonner</translation>
        </message>
        <message>
            <source>Check again</source>
            <translation>Vérifier à nouveau</translation>
        </message>
        <message>
            <source>Send again</source>
            <translation>Renvoyer</translation>
        </message>
        <message>
            <source>It was sent</source>
            <translation>Il a bien été envoyé</translation>
        </message>
        <message>
            <source>Not sent.</source>
            <translation>Non envoyé.</translation>
        </message>
        <message>
            <source>Not sure this was sent.</source>
            <translation>Envoi non confirmé.</translation>
        </message>
        <message>
            <source>Save as…</source>
            <translation>Enregistrer sous…</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Ouvrir</translation>
        </message>
        <message>
            <source>edited</source>
            <translation>modifié</translation>
        </message>
        <message>
            <source>Sending…</source>
            <translation>Envoi en cours…</translation>
        </message>
        <message>
            <source>Waiting to send</source>
            <translation>En attente d'envoi</translation>
        </message>
        <message>
            <source>Not sent. {error}</source>
            <translation>Non envoyé. {error}</translation>
        </message>
        <message>
            <source>Not sure this was sent. {error}</source>
            <translation>Envoi non confirmé. {error}</translation>
        </message>
        <message>
            <source>Checking whether it arrived…</source>
            <translation>Vérification de la réception…</translation>
        </message>
        <message>
            <source>Not sent</source>
            <translation>Non envoyé</translation>
        </message>
        <message>
            <source>Seen</source>
            <translation>Vu</translation>
        </message>
    </context>
    <context>
        <name>BubblePainter</name>
        <message>
            <source>Load picture</source>
            <translation>Charger l'image</translation>
        </message>
        <message>
            <source>FILE</source>
            <translation>FICH</translation>
        </message>
        <message>
            <source>AUD</source>
            <translation>AUD</translation>
        </message>
        <message>
            <source>Unavailable</source>
            <translation>Indisponible</translation>
        </message>
        <message>
            <source>VID</source>
            <translation>VID</translation>
        </message>
        <message>
            <source>Image unavailable</source>
            <translation>Image indisponible</translation>
        </message>
        <message>
            <source>Loading image…</source>
            <translation>Chargement de l'image…</translation>
        </message>
        <message>
            <source>Load picture ({size})</source>
            <translation>Charger l'image ({size})</translation>
        </message>
        <message>
            <source>Attached file</source>
            <translation>Fichier joint</translation>
        </message>
    </context>
    <context>
        <name>CannedReplies</name>
        <message>
            <source>Fill in {names} and {last} before sending.</source>
            <translation>Complétez {names} et {last} avant d'envoyer.</translation>
        </message>
        <message>
            <source>Fill in {name} before sending.</source>
            <translation>Complétez {name} avant d'envoyer.</translation>
        </message>
        <message>
            <source>The file holds no canned replies.</source>
            <translation>Le fichier ne contient aucune réponse type.</translation>
        </message>
        <message>
            <source>Give the reply a title.</source>
            <translation>Donnez un titre à la réponse.</translation>
        </message>
        <message>
            <source>The file holds {count} replies; at most {limit} can be imported.</source>
            <translation>Le fichier contient {count} réponses ; {limit} au maximum peuvent être importées.</translation>
        </message>
        <message numerus="yes">
            <source>…and %n more problem(s).</source>
            <translation>
                <numerusform>…et %Ln autre problème.</numerusform>
                <numerusform>…et %Ln autres problèmes.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Canned replies imported: %n added.</source>
            <translation>
                <numerusform>Réponses types importées : %Ln ajoutée.</numerusform>
                <numerusform>Réponses types importées : %Ln ajoutées.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Canned replies imported: %n updated.</source>
            <translation>
                <numerusform>Réponses types importées : %Ln mise à jour.</numerusform>
                <numerusform>Réponses types importées : %Ln mises à jour.</numerusform>
            </translation>
        </message>
        <message>
            <source>it is not an object with a title, a shortcut and a text.</source>
            <translation>ce n'est pas un objet avec un titre, un raccourci et un texte.</translation>
        </message>
        <message>
            <source>the {first} and the {second} and the {third} must be text.</source>
            <translation>les champs « {first} », « {second} » et « {third} » doivent être du texte.</translation>
        </message>
        <message>
            <source>The title “{title}…” is longer than {limit} characters.</source>
            <translation>Le titre « {title}… » dépasse {limit} caractères.</translation>
        </message>
        <message>
            <source>The shortcut “{shortcut}” must be one word, without spaces, “/” or braces.</source>
            <translation>Le raccourci « {shortcut} » doit être un seul mot, sans espace, ni « / », ni accolade.</translation>
        </message>
        <message>
            <source>The shortcut “{shortcut}…” is longer than {limit} characters.</source>
            <translation>Le raccourci « {shortcut}… » dépasse {limit} caractères.</translation>
        </message>
        <message>
            <source>The reply “{title}” has no text.</source>
            <translation>La réponse « {title} » n'a pas de texte.</translation>
        </message>
        <message>
            <source>The text of “{title}” is longer than {limit} characters.</source>
            <translation>Le texte de « {title} » dépasse {limit} caractères.</translation>
        </message>
        <message>
            <source>That canned reply no longer exists.</source>
            <translation>Cette réponse type n'existe plus.</translation>
        </message>
        <message>
            <source>The file is not a canned replies file from Unipile Desktop.</source>
            <translation>Ce fichier n'est pas un fichier de réponses types d'Unipile Desktop.</translation>
        </message>
        <message>
            <source>The file does not say which version of the format it uses.</source>
            <translation>Le fichier n'indique pas quelle version du format il utilise.</translation>
        </message>
        <message>
            <source>The file was written by a newer version of Unipile Desktop; update the app to import it.</source>
            <translation>Le fichier a été créé par une version plus récente d'Unipile Desktop ; mettez l'application à jour pour l'importer.</translation>
        </message>
        <message>
            <source>The file has no list of replies.</source>
            <translation>Le fichier ne contient pas de liste de réponses.</translation>
        </message>
        <message>
            <source>the shortcut /{shortcut} is also used by reply {number}.</source>
            <translation>le raccourci /{shortcut} est aussi utilisé par la réponse {number}.</translation>
        </message>
        <message>
            <source>the {field} must be text.</source>
            <translation>le champ « {field} » doit être du texte.</translation>
        </message>
        <message>
            <source>the {field} is missing.</source>
            <translation>le champ « {field} » est manquant.</translation>
        </message>
        <message>
            <source>the {first} and the {second} must be text.</source>
            <translation>les champs « {first} » et « {second} » doivent être du texte.</translation>
        </message>
        <message>
            <source>the {first} and the {second} are missing.</source>
            <translation>les champs « {first} » et « {second} » sont manquants.</translation>
        </message>
        <message>
            <source>Nothing was imported: {errors}</source>
            <translation>Rien n'a été importé : {errors}</translation>
        </message>
        <message>
            <source>Canned replies imported: {added} added, {updated} updated.</source>
            <translation>Réponses types importées. Ajoutées : {added} ; mises à jour : {updated}.</translation>
        </message>
        <message>
            <source>The shortcut /{shortcut} is already used by “{title}”.</source>
            <translation>Le raccourci /{shortcut} est déjà utilisé par « {title} ».</translation>
        </message>
        <message>
            <source>The file is not valid JSON.</source>
            <translation>Le fichier n'est pas un JSON valide.</translation>
        </message>
        <message>
            <source>Reply {number}: {problem}</source>
            <translation>Réponse {number} : {problem}</translation>
        </message>
        <message>
            <source>The file is not valid JSON (line {line}).</source>
            <translation>Le fichier n'est pas un JSON valide (ligne {line}).</translation>
        </message>
        <message>
            <source>Fill this in before sending</source>
            <translation>À compléter avant l'envoi</translation>
        </message>
        <message>
            <source>the customer's first name (in a one-to-one chat)</source>
            <translation>le prénom du client (dans une conversation individuelle)</translation>
        </message>
        <message>
            <source>the customer's full name (in a one-to-one chat)</source>
            <translation>le nom complet du client (dans une conversation individuelle)</translation>
        </message>
        <message>
            <source>the name of the account the chat belongs to</source>
            <translation>le nom du compte auquel appartient la conversation</translation>
        </message>
        <message>
            <source>your name, as set in the canned replies window</source>
            <translation>votre nom, tel que défini dans la fenêtre des réponses types</translation>
        </message>
        <message>
            <source>today's date, written the short way for your language</source>
            <translation>la date du jour, au format court de votre langue</translation>
        </message>
        <message>
            <source>{{ and }} write a brace. A variable without a value stays marked in the message to fill in.</source>
            <translation>{{ et }} produisent une accolade. Une variable sans valeur reste signalée dans le message, pour que vous la complétiez.</translation>
        </message>
        <message>
            <source>Canned replies</source>
            <translation>Réponses types</translation>
        </message>
        <message>
            <source>Select a reply to edit it</source>
            <translation>Sélectionnez une réponse pour la modifier</translation>
        </message>
        <message>
            <source>New</source>
            <translation>Nouvelle</translation>
        </message>
        <message>
            <source>Delete…</source>
            <translation>Supprimer…</translation>
        </message>
        <message>
            <source>Move up</source>
            <translation>Monter</translation>
        </message>
        <message>
            <source>Move down</source>
            <translation>Descendre</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>Titre</translation>
        </message>
        <message>
            <source>one word, typed after / in a message</source>
            <translation>un mot, tapé après / dans un message</translation>
        </message>
        <message>
            <source>Shortcut word</source>
            <translation>Mot de raccourci</translation>
        </message>
        <message>
            <source>One word; typing / and the word in a message inserts the reply</source>
            <translation>Un seul mot ; taper / suivi de ce mot dans un message insère la réponse</translation>
        </message>
        <message>
            <source>Hello {first_name}, …</source>
            <translation>Bonjour {first_name}, …</translation>
        </message>
        <message>
            <source>Text</source>
            <translation>Texte</translation>
        </message>
        <message>
            <source>The reply; variables in braces are filled in when it is inserted</source>
            <translation>La réponse ; les variables entre accolades sont remplies au moment de l'insertion</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Enregistrer</translation>
        </message>
        <message>
            <source>Your name</source>
            <translation>Votre nom</translation>
        </message>
        <message>
            <source>Fills the {agent_name} variable of every reply</source>
            <translation>Remplit la variable {agent_name} de toutes les réponses</translation>
        </message>
        <message>
            <source>&amp;Title</source>
            <translation>&amp;Titre</translation>
        </message>
        <message>
            <source>&amp;Shortcut word</source>
            <translation>Mot de &amp;raccourci</translation>
        </message>
        <message>
            <source>Te&amp;xt</source>
            <translation>Te&amp;xte</translation>
        </message>
        <message>
            <source>Your &amp;name ({agent_name})</source>
            <translation>&amp;Votre nom ({agent_name})</translation>
        </message>
        <message>
            <source>Import…</source>
            <translation>Importer…</translation>
        </message>
        <message>
            <source>Export…</source>
            <translation>Exporter…</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Fermer</translation>
        </message>
        <message>
            <source>Delete canned reply</source>
            <translation>Supprimer la réponse type</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Supprimer</translation>
        </message>
        <message>
            <source>Import canned replies</source>
            <translation>Importer des réponses types</translation>
        </message>
        <message>
            <source>Export canned replies</source>
            <translation>Exporter les réponses types</translation>
        </message>
        <message>
            <source>{{{variable}}}: {meaning}</source>
            <translation>{{{variable}}} : {meaning}</translation>
        </message>
        <message numerus="yes">
            <source>Exported canned replies to “{file}”: %n in all.</source>
            <translation>
                <numerusform>%Ln réponse type exportée dans « {file} ».</numerusform>
                <numerusform>%Ln réponses types exportées dans « {file} ».</numerusform>
            </translation>
        </message>
        <message>
            <source>Saved “{title}”.</source>
            <translation>Réponse « {title} » enregistrée.</translation>
        </message>
        <message>
            <source>Delete the canned reply “{title}”?</source>
            <translation>Supprimer la réponse type « {title} » ?</translation>
        </message>
        <message>
            <source>All files</source>
            <translation>Tous les fichiers</translation>
        </message>
        <message>
            <source>it is not UTF-8 text</source>
            <translation>ce n'est pas du texte UTF-8</translation>
        </message>
        <message>
            <source>“{file}” is too large to be a canned replies file.</source>
            <translation>« {file} » est trop volumineux pour être un fichier de réponses types.</translation>
        </message>
        <message>
            <source>Could not read “{file}”: {reason}.</source>
            <translation>Impossible de lire « {file} » : {reason}.</translation>
        </message>
        <message>
            <source>Could not write “{file}”: {reason}.</source>
            <translation>Impossible d'écrire « {file} » : {reason}.</translation>
        </message>
        <message>
            <source>{title}, shortcut /{shortcut}</source>
            <translation>{title}, raccourci /{shortcut}</translation>
        </message>
        <message>
            <source>Enter inserts · Esc keeps the text as typed</source>
            <translation>Entrée insère · Échap conserve le texte tel que saisi</translation>
        </message>
        <message>
            <source>No canned replies yet.</source>
            <translation>Aucune réponse type pour l'instant.</translation>
        </message>
        <message>
            <source>No canned reply matches “{query}”.</source>
            <translation>Aucune réponse type ne correspond à « {query} ».</translation>
        </message>
    </context>
    <context>
        <name>CertificateCheck</name>
        <message>
            <source>The server's certificate was not trusted by this computer. On a company network, ask IT to install its root certificate in the system's certificate store.</source>
            <translation>Cet ordinateur ne fait pas confiance au certificat du serveur. Sur un réseau d'entreprise, demandez au service informatique d'installer son certificat racine dans le magasin de certificats du système.</translation>
        </message>
        <message>
            <source>The server's certificate has expired.</source>
            <translation>Le certificat du serveur a expiré.</translation>
        </message>
        <message>
            <source>The server's certificate is for another address; check the server address.</source>
            <translation>Le certificat du serveur correspond à une autre adresse ; vérifiez l'adresse du serveur.</translation>
        </message>
        <message>
            <source>The server's certificate was not trusted by this computer (issued by {issuer}). On a company network, ask IT to install its root certificate in the system's certificate store.</source>
            <translation>Cet ordinateur ne fait pas confiance au certificat du serveur (émis par {issuer}). Sur un réseau d'entreprise, demandez au service informatique d'installer son certificat racine dans le magasin de certificats du système.</translation>
        </message>
        <message>
            <source>The server's certificate has expired (issued by {issuer}).</source>
            <translation>Le certificat du serveur a expiré (émis par {issuer}).</translation>
        </message>
        <message>
            <source>The server's certificate is for another address (issued by {issuer}); check the server address.</source>
            <translation>Le certificat du serveur correspond à une autre adresse (émis par {issuer}) ; vérifiez l'adresse du serveur.</translation>
        </message>
    </context>
    <context>
        <name>ChatList</name>
        <message>
            <source>Draft:</source>
            <translation>Brouillon :</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>Chargement…</translation>
        </message>
        <message>
            <source>InMail</source>
            <translation>InMail</translation>
        </message>
        <message>
            <source>Chats</source>
            <translation>Conversations</translation>
        </message>
        <message>
            <source>Alt+Up and Alt+Down open the previous and next chat; the Chat menu acts on the open one</source>
            <translation>Alt+Haut et Alt+Bas ouvrent la conversation précédente et la suivante ; le menu Conversation agit sur celle qui est ouverte</translation>
        </message>
        <message>
            <source>Mark as read</source>
            <translation>Marquer comme lu</translation>
        </message>
        <message>
            <source>Mark as unread</source>
            <translation>Marquer comme non lu</translation>
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
            <translation>Reporter</translation>
        </message>
        <message>
            <source>Mute notifications</source>
            <translation>Mettre les notifications en sourdine</translation>
        </message>
        <message>
            <source>notifications muted</source>
            <translation>notifications en sourdine</translation>
        </message>
        <message>
            <source>Reopen</source>
            <translation>Rouvrir</translation>
        </message>
        <message>
            <source>Mark done</source>
            <translation>Marquer comme traité</translation>
        </message>
        <message>
            <source>{status}, notifications muted</source>
            <translation>{status}, notifications en sourdine</translation>
        </message>
        <message>
            <source>Snoozed</source>
            <translation>Reporté</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>Traité</translation>
        </message>
        <message>
            <source>Snoozed until {time}</source>
            <translation>Reporté jusqu'à {time}</translation>
        </message>
    </context>
    <context>
        <name>Chats</name>
        <message>
            <source>Message deleted</source>
            <translation>Message supprimé</translation>
        </message>
        <message>
            <source>Photo</source>
            <translation>Photo</translation>
        </message>
        <message>
            <source>Video</source>
            <translation>Vidéo</translation>
        </message>
        <message numerus="yes">
            <source>📎 %n attachment(s)</source>
            <translation>
                <numerusform>📎 %Ln pièce jointe</numerusform>
                <numerusform>📎 %Ln pièces jointes</numerusform>
            </translation>
        </message>
        <message>
            <source>You: {text}</source>
            <translation>Vous : {text}</translation>
        </message>
        <message>
            <source>{name}: {text}</source>
            <translation>{name} : {text}</translation>
        </message>
        <message>
            <source>Audio</source>
            <translation>Audio</translation>
        </message>
        <message>
            <source>File</source>
            <translation>Fichier</translation>
        </message>
    </context>
    <context>
        <name>CheatSheet</name>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>Raccourcis clavier</translation>
        </message>
        <message>
            <source>{action}: {keys}</source>
            <translation>{action} : {keys}</translation>
        </message>
    </context>
    <context>
        <name>Composer</name>
        <message>
            <source>Write a message… (Enter sends, Shift+Enter for a new line)</source>
            <translation>Écrivez un message… (Entrée pour envoyer, Maj+Entrée pour aller à la ligne)</translation>
        </message>
        <message>
            <source>Message text</source>
            <translation>Texte du message</translation>
        </message>
        <message>
            <source>Enter sends; Shift+Enter starts a new line; / inserts a canned reply</source>
            <translation>Entrée envoie ; Maj+Entrée va à la ligne ; / insère une réponse type</translation>
        </message>
        <message>
            <source>Attach…</source>
            <translation>Joindre…</translation>
        </message>
        <message>
            <source>Attach files</source>
            <translation>Joindre des fichiers</translation>
        </message>
        <message>
            <source>Choose files to send with the message</source>
            <translation>Choisir des fichiers à envoyer avec le message</translation>
        </message>
        <message>
            <source>Send</source>
            <translation>Envoyer</translation>
        </message>
        <message>
            <source>Send message</source>
            <translation>Envoyer le message</translation>
        </message>
        <message>
            <source>Select a conversation</source>
            <translation>Sélectionnez une conversation</translation>
        </message>
        <message>
            <source>There are no canned replies yet: add them in the Canned replies window.</source>
            <translation>Il n'y a pas encore de réponse type : ajoutez-en dans la fenêtre Réponses types.</translation>
        </message>
        <message>
            <source>Type a message or attach a file</source>
            <translation>Saisissez un message ou joignez un fichier</translation>
        </message>
        <message>
            <source>Send (Enter)</source>
            <translation>Envoyer (Entrée)</translation>
        </message>
        <message>
            <source>Select a conversation first.</source>
            <translation>Sélectionnez d'abord une conversation.</translation>
        </message>
    </context>
    <context>
        <name>Connection</name>
        <message>
            <source>Demo data on this computer</source>
            <translation>Données de démo sur cet ordinateur</translation>
        </message>
        <message>
            <source>No connection profile is saved yet. Add one with “{command} add NAME --dsn DSN” (the API key is read from standard input), set {dsn} and {key}, or use --demo.</source>
            <translation>Aucun profil de connexion n'est encore enregistré. Ajoutez-en un avec « {command} add NOM --dsn DSN » (la clé d'API est lue sur l'entrée standard), définissez {dsn} et {key}, ou utilisez --demo.</translation>
        </message>
        <message>
            <source>{name} · {host} · key for this session only</source>
            <translation>{name} · {host} · clé pour cette session uniquement</translation>
        </message>
        <message>
            <source>{present} is set but {missing} is not. Set both, or neither to use a saved profile.</source>
            <translation>{present} est défini, mais pas {missing}. Définissez les deux, ou aucun des deux pour utiliser un profil enregistré.</translation>
        </message>
        <message>
            <source>Connected to {host}</source>
            <translation>Connecté à {host}</translation>
        </message>
        <message>
            <source>{variable} is not usable: {reason}</source>
            <translation>{variable} est inutilisable : {reason}</translation>
        </message>
    </context>
    <context>
        <name>ConnectionCheck</name>
        <message>
            <source>The connection test failed unexpectedly ({error}).</source>
            <translation>Le test de connexion a échoué de manière inattendue ({error}).</translation>
        </message>
        <message>
            <source>The server at {host} rejected the API key. Copy the key again from the Unipile dashboard and check that it belongs to this DSN.</source>
            <translation>Le serveur {host} a refusé la clé d'API. Copiez à nouveau la clé depuis le tableau de bord Unipile et vérifiez qu'elle correspond bien à ce DSN.</translation>
        </message>
        <message>
            <source>Could not reach {host}. Check the DSN (host and port) and your network connection.</source>
            <translation>Impossible de joindre {host}. Vérifiez le DSN (hôte et port) et votre connexion réseau.</translation>
        </message>
        <message>
            <source>The server at {host} did not answer in time. Check the DSN and your network, then try again.</source>
            <translation>Le serveur {host} n'a pas répondu à temps. Vérifiez le DSN et votre réseau, puis réessayez.</translation>
        </message>
        <message>
            <source>The secure connection to {host} failed: {reason} Check the DSN; on a company network, ask IT whether HTTPS traffic is intercepted.</source>
            <translation>La connexion sécurisée à {host} a échoué : {reason} Vérifiez le DSN ; sur un réseau d'entreprise, demandez au service informatique si le trafic HTTPS est intercepté.</translation>
        </message>
    </context>
    <context>
        <name>ConnectionDialog</name>
        <message>
            <source>Connection works: the server accepted the key.</source>
            <translation>La connexion fonctionne : le serveur a accepté la clé.</translation>
        </message>
        <message numerus="yes">
            <source>Connection works: the server accepted the key and lists %n account(s).</source>
            <translation>
                <numerusform>La connexion fonctionne : le serveur a accepté la clé et répertorie %Ln compte.</numerusform>
                <numerusform>La connexion fonctionne : le serveur a accepté la clé et répertorie %Ln comptes.</numerusform>
            </translation>
        </message>
        <message>
            <source>Enter your Unipile DSN and an API key from the Unipile dashboard. The key is kept only in your system keyring, never in a file.</source>
            <translation>Saisissez votre DSN Unipile et une clé d'API issue du tableau de bord Unipile. La clé est conservée uniquement dans le trousseau de clés de votre système, jamais dans un fichier.</translation>
        </message>
        <message>
            <source>Support</source>
            <comment>an example profile name</comment>
            <translation>Support</translation>
        </message>
        <message>
            <source>Profile name</source>
            <translation>Nom du profil</translation>
        </message>
        <message>
            <source>DSN</source>
            <translation>DSN</translation>
        </message>
        <message>
            <source>host:port from the Unipile dashboard, or a full https:// address</source>
            <translation>hôte:port indiqué dans le tableau de bord Unipile, ou une adresse https:// complète</translation>
        </message>
        <message>
            <source>Profile &amp;name:</source>
            <translation>&amp;Nom du profil :</translation>
        </message>
        <message>
            <source>&amp;DSN:</source>
            <translation>&amp;DSN :</translation>
        </message>
        <message>
            <source>API &amp;key:</source>
            <translation>&amp;Clé d'API :</translation>
        </message>
        <message>
            <source>Connection test result</source>
            <translation>Résultat du test de connexion</translation>
        </message>
        <message>
            <source>&amp;Test connection</source>
            <translation>&amp;Tester la connexion</translation>
        </message>
        <message>
            <source>Try the &amp;demo</source>
            <translation>Essayer la dé&amp;mo</translation>
        </message>
        <message>
            <source>Open the app on built-in sample data; no Unipile account needed</source>
            <translation>Ouvrir l'application avec des données d'exemple intégrées ; aucun compte Unipile n'est nécessaire</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Annuler</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>&amp;Enregistrer</translation>
        </message>
        <message>
            <source>Testing the connection…</source>
            <translation>Test de la connexion…</translation>
        </message>
        <message>
            <source>Edit connection</source>
            <translation>Modifier la connexion</translation>
        </message>
        <message>
            <source>Connect to Unipile</source>
            <translation>Se connecter à Unipile</translation>
        </message>
        <message>
            <source>Paste the API key</source>
            <translation>Collez la clé d'API</translation>
        </message>
        <message>
            <source>Leave empty to keep the saved key</source>
            <translation>Laissez vide pour conserver la clé enregistrée</translation>
        </message>
        <message>
            <source>A profile named “{name}” already exists. Choose another name.</source>
            <translation>Un profil nommé « {name} » existe déjà. Choisissez un autre nom.</translation>
        </message>
    </context>
    <context>
        <name>Conversation</name>
        <message>
            <source>That message is no longer in this chat.</source>
            <translation>Ce message ne figure plus dans cette conversation.</translation>
        </message>
        <message>
            <source>Conversation</source>
            <translation>Conversation</translation>
        </message>
        <message>
            <source>You</source>
            <translation>Vous</translation>
        </message>
        <message>
            <source>Could not mark the conversation as read. {reason}</source>
            <translation>Impossible de marquer la conversation comme lue. {reason}</translation>
        </message>
        <message>
            <source>Could not mark the conversation as unread. {reason}</source>
            <translation>Impossible de marquer la conversation comme non lue. {reason}</translation>
        </message>
        <message>
            <source>Could not load the messages. {reason}</source>
            <translation>Impossible de charger les messages. {reason}</translation>
        </message>
        <message>
            <source>Could not load newer messages. {reason}</source>
            <translation>Impossible de charger les messages plus récents. {reason}</translation>
        </message>
        <message>
            <source>Could not load older messages. {reason}</source>
            <translation>Impossible de charger les messages plus anciens. {reason}</translation>
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
                <numerusform>{names} et %Ln autre</numerusform>
                <numerusform>{names} et %Ln autres</numerusform>
            </translation>
        </message>
        <message>
            <source>On the {provider} account “{account}”</source>
            <translation>Sur le compte {provider} « {account} »</translation>
        </message>
        <message>
            <source>Unknown provider</source>
            <translation>Plateforme inconnue</translation>
        </message>
        <message>
            <source>InMail</source>
            <translation>InMail</translation>
        </message>
        <message>
            <source>A LinkedIn InMail conversation</source>
            <translation>Une conversation InMail LinkedIn</translation>
        </message>
        <message>
            <source>Read-only</source>
            <translation>Lecture seule</translation>
        </message>
        <message>
            <source>Mark as read</source>
            <translation>Marquer comme lu</translation>
        </message>
        <message>
            <source>Tell the provider this conversation was read</source>
            <translation>Indiquer à la plateforme que cette conversation a été lue</translation>
        </message>
        <message>
            <source>Mark as unread</source>
            <translation>Marquer comme non lu</translation>
        </message>
        <message>
            <source>Mark this conversation unread again</source>
            <translation>Marquer à nouveau cette conversation comme non lue</translation>
        </message>
        <message>
            <source>A {provider} conversation</source>
            <translation>Une conversation {provider}</translation>
        </message>
    </context>
    <context>
        <name>ConversationPane</name>
        <message>
            <source>Select a conversation</source>
            <translation>Sélectionnez une conversation</translation>
        </message>
        <message>
            <source>Save attachment</source>
            <translation>Enregistrer la pièce jointe</translation>
        </message>
        <message>
            <source>This conversation is read-only.</source>
            <translation>Cette conversation est en lecture seule.</translation>
        </message>
        <message>
            <source>Loading messages…</source>
            <translation>Chargement des messages…</translation>
        </message>
        <message>
            <source>No messages yet</source>
            <translation>Aucun message pour l'instant</translation>
        </message>
        <message>
            <source>Marked as read</source>
            <translation>Conversation marquée comme lue</translation>
        </message>
        <message>
            <source>Marked as unread</source>
            <translation>Conversation marquée comme non lue</translation>
        </message>
        <message>
            <source>Saved “{name}”</source>
            <translation>« {name} » enregistré</translation>
        </message>
        <message>
            <source>“{name}” could be a program. Use Save as… and check it before opening.</source>
            <translation>« {name} » pourrait être un programme. Utilisez Enregistrer sous… et vérifiez-le avant de l'ouvrir.</translation>
        </message>
        <message>
            <source>Opening “{name}”…</source>
            <translation>Ouverture de « {name} »…</translation>
        </message>
    </context>
    <context>
        <name>ConversationSends</name>
        <message>
            <source>Open a conversation first.</source>
            <translation>Ouvrez d'abord une conversation.</translation>
        </message>
        <message>
            <source>This conversation is read-only.</source>
            <translation>Cette conversation est en lecture seule.</translation>
        </message>
        <message>
            <source>There is nothing to send.</source>
            <translation>Il n'y a rien à envoyer.</translation>
        </message>
        <message>
            <source>Not sent.</source>
            <translation>Non envoyé.</translation>
        </message>
    </context>
    <context>
        <name>CrashDialog</name>
        <message>
            <source>Error report</source>
            <translation>Rapport d'erreur</translation>
        </message>
        <message>
            <source>Copy report</source>
            <translation>Copier le rapport</translation>
        </message>
        <message>
            <source>Open log folder</source>
            <translation>Ouvrir le dossier des journaux</translation>
        </message>
        <message numerus="yes">
            <source>Something went wrong inside {app}. The app is still running, but the last action may not have finished. It has happened %n time(s) since the app started. If it keeps happening, copy this report (it contains no API key) and send it to your IT contact together with the log file.</source>
            <translation>
                <numerusform>Un problème est survenu dans {app}. L'application fonctionne toujours, mais la dernière action n'est peut-être pas terminée. C'est arrivé %Ln fois depuis le démarrage de l'application. Si le problème persiste, copiez ce rapport (il ne contient aucune clé d'API) et envoyez-le à votre contact informatique avec le fichier journal.</numerusform>
                <numerusform>Un problème est survenu dans {app}. L'application fonctionne toujours, mais la dernière action n'est peut-être pas terminée. C'est arrivé %Ln fois depuis le démarrage de l'application. Si le problème persiste, copiez ce rapport (il ne contient aucune clé d'API) et envoyez-le à votre contact informatique avec le fichier journal.</numerusform>
            </translation>
        </message>
        <message>
            <source>Something went wrong inside {app}. The app is still running, but the last action may not have finished. If it keeps happening, copy this report (it contains no API key) and send it to your IT contact together with the log file.</source>
            <translation>Un problème est survenu dans {app}. L'application fonctionne toujours, mais la dernière action n'est peut-être pas terminée. Si le problème persiste, copiez ce rapport (il ne contient aucune clé d'API) et envoyez-le à votre contact informatique avec le fichier journal.</translation>
        </message>
        <message>
            <source>No log file could be written on this computer.</source>
            <translation>Aucun fichier journal n'a pu être écrit sur cet ordinateur.</translation>
        </message>
        <message>
            <source>{app} — unexpected error</source>
            <translation>{app} — erreur inattendue</translation>
        </message>
        <message>
            <source>The log file is {path}</source>
            <translation>Le fichier journal est {path}</translation>
        </message>
    </context>
    <context>
        <name>CustomerCard</name>
        <message>
            <source>That chat is no longer on this computer.</source>
            <translation>Cette conversation ne se trouve plus sur cet ordinateur.</translation>
        </message>
        <message>
            <source>Customer card (show / hide)</source>
            <translation>Fiche client (afficher / masquer)</translation>
        </message>
        <message>
            <source>The chat this note was written from is no longer on this computer.</source>
            <translation>La conversation depuis laquelle cette note a été écrite ne se trouve plus sur cet ordinateur.</translation>
        </message>
        <message numerus="yes">
            <source>updated %n day(s) ago</source>
            <translation>
                <numerusform>mis à jour il y a %Ln jour</numerusform>
                <numerusform>mis à jour il y a %Ln jours</numerusform>
            </translation>
        </message>
        <message>
            <source>updated just now</source>
            <translation>mis à jour à l'instant</translation>
        </message>
        <message numerus="yes">
            <source>updated %n min ago</source>
            <translation>
                <numerusform>mis à jour il y a %Ln min</numerusform>
                <numerusform>mis à jour il y a %Ln min</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>updated %n h ago</source>
            <translation>
                <numerusform>mis à jour il y a %Ln h</numerusform>
                <numerusform>mis à jour il y a %Ln h</numerusform>
            </translation>
        </message>
        <message>
            <source>The profile could not be loaded.</source>
            <translation>Impossible de charger le profil.</translation>
        </message>
        <message>
            <source>The API gives no profile for this provider: this is what the chat knows.</source>
            <translation>L'API ne fournit pas de profil pour cette plateforme : voici les informations tirées de la conversation.</translation>
        </message>
        <message>
            <source>The profile could not be loaded ({reason}).</source>
            <translation>Impossible de charger le profil ({reason}).</translation>
        </message>
        <message>
            <source>Private notes</source>
            <translation>Notes privées</translation>
        </message>
        <message>
            <source>Private — never sent to the customer</source>
            <translation>Privées — jamais envoyées au client</translation>
        </message>
        <message>
            <source>Private notes about this person</source>
            <translation>Notes privées sur cette personne</translation>
        </message>
        <message>
            <source>Write a private note about this person…</source>
            <translation>Écrivez une note privée sur cette personne…</translation>
        </message>
        <message>
            <source>Private note</source>
            <translation>Note privée</translation>
        </message>
        <message>
            <source>Add note</source>
            <translation>Ajouter la note</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Annuler</translation>
        </message>
        <message>
            <source>Edit</source>
            <translation>Modifier</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Supprimer</translation>
        </message>
        <message>
            <source>Private note, never sent</source>
            <translation>Note privée, jamais envoyée</translation>
        </message>
        <message>
            <source>Save note</source>
            <translation>Enregistrer la note</translation>
        </message>
        <message>
            <source>{created} (edited {updated})</source>
            <translation>{created} (modifiée : {updated})</translation>
        </message>
        <message>
            <source>1st-degree connection</source>
            <translation>Relation de 1er niveau</translation>
        </message>
        <message>
            <source>2nd-degree connection</source>
            <translation>Relation de 2e niveau</translation>
        </message>
        <message>
            <source>3rd-degree connection</source>
            <translation>Relation de 3e niveau</translation>
        </message>
        <message>
            <source>Out of network</source>
            <translation>Hors réseau</translation>
        </message>
        <message>
            <source>Customer card</source>
            <translation>Fiche client</translation>
        </message>
        <message>
            <source>Open a conversation to see who it is with.</source>
            <translation>Ouvrez une conversation pour voir avec qui elle a lieu.</translation>
        </message>
        <message>
            <source>Members</source>
            <translation>Membres</translation>
        </message>
        <message>
            <source>Members of the group</source>
            <translation>Membres du groupe</translation>
        </message>
        <message>
            <source>← All members</source>
            <translation>← Tous les membres</translation>
        </message>
        <message>
            <source>Open public profile</source>
            <translation>Ouvrir le profil public</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>Actualiser</translation>
        </message>
        <message>
            <source>Ask for this person's profile again now</source>
            <translation>Redemander le profil de cette personne maintenant</translation>
        </message>
        <message>
            <source>Add a label (VIP, refund…) and press Enter</source>
            <translation>Ajoutez une étiquette (VIP, remboursement…) et appuyez sur Entrée</translation>
        </message>
        <message>
            <source>Add a label</source>
            <translation>Ajouter une étiquette</translation>
        </message>
        <message>
            <source>Other conversations with this person</source>
            <translation>Autres conversations avec cette personne</translation>
        </message>
        <message>
            <source>Loading the profile…</source>
            <translation>Chargement du profil…</translation>
        </message>
        <message>
            <source>Labels</source>
            <translation>Étiquettes</translation>
        </message>
        <message>
            <source>Other conversations</source>
            <translation>Autres conversations</translation>
        </message>
        <message>
            <source>Loading who this conversation is with…</source>
            <translation>Chargement des participants à la conversation…</translation>
        </message>
        <message numerus="yes">
            <source>%n member(s)</source>
            <translation>
                <numerusform>%Ln membre</numerusform>
                <numerusform>%Ln membres</numerusform>
            </translation>
        </message>
        <message>
            <source>Invitation sent, waiting for an answer</source>
            <translation>Invitation envoyée, en attente de réponse</translation>
        </message>
        <message>
            <source>Looking for other conversations…</source>
            <translation>Recherche d'autres conversations…</translation>
        </message>
        <message>
            <source>No other conversation with this person.</source>
            <translation>Aucune autre conversation avec cette personne.</translation>
        </message>
        <message>
            <source>Remove the label “{label}”</source>
            <translation>Retirer l'étiquette « {label} »</translation>
        </message>
        <message>
            <source>Label {label}, press to remove</source>
            <translation>Étiquette {label}, appuyez pour la retirer</translation>
        </message>
        <message>
            <source>{title} (group)</source>
            <translation>{title} (groupe)</translation>
        </message>
        <message>
            <source>Username: {name}</source>
            <translation>Nom d'utilisateur : {name}</translation>
        </message>
        <message>
            <source>Phone: {phone}</source>
            <translation>Téléphone : {phone}</translation>
        </message>
        <message>
            <source>{age}, refreshing…</source>
            <translation>{age}, actualisation…</translation>
        </message>
    </context>
    <context>
        <name>Drafts</name>
        <message>
            <source>The draft's attachments {names} are no longer where they were. Attach them again if you still need them.</source>
            <translation>Les pièces jointes {names} du brouillon ne sont plus à leur emplacement d'origine. Joignez-les à nouveau si vous en avez encore besoin.</translation>
        </message>
        <message>
            <source>The draft's attachment {names} is no longer in {folder}. Attach it again if you still need it.</source>
            <translation>La pièce jointe {names} du brouillon ne se trouve plus dans {folder}. Joignez-la à nouveau si vous en avez encore besoin.</translation>
        </message>
        <message numerus="yes">
            <source>%n attachment(s)</source>
            <translation>
                <numerusform>%Ln pièce jointe</numerusform>
                <numerusform>%Ln pièces jointes</numerusform>
            </translation>
        </message>
        <message>
            <source>A reply, not written yet</source>
            <translation>Une réponse, pas encore rédigée</translation>
        </message>
    </context>
    <context>
        <name>ForeignReplyNotice</name>
        <message numerus="yes">
            <source>%n d ago</source>
            <translation>
                <numerusform>il y a %Ln j</numerusform>
                <numerusform>il y a %Ln j</numerusform>
            </translation>
        </message>
        <message>
            <source>A reply was sent from this account {ago}, not from here.</source>
            <translation>Une réponse a été envoyée depuis ce compte {ago}, mais pas depuis cette application.</translation>
        </message>
        <message>
            <source>just now</source>
            <translation>à l'instant</translation>
        </message>
        <message numerus="yes">
            <source>%n min ago</source>
            <translation>
                <numerusform>il y a %Ln min</numerusform>
                <numerusform>il y a %Ln min</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n h ago</source>
            <translation>
                <numerusform>il y a %Ln h</numerusform>
                <numerusform>il y a %Ln h</numerusform>
            </translation>
        </message>
        <message>
            <source>Reply sent elsewhere</source>
            <translation>Réponse envoyée ailleurs</translation>
        </message>
        <message>
            <source>Dismiss</source>
            <translation>Ignorer</translation>
        </message>
        <message>
            <source>Dismiss the notice about a reply sent elsewhere</source>
            <translation>Ignorer l'avis concernant une réponse envoyée ailleurs</translation>
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
            <translation>Hier</translation>
        </message>
        <message>
            <source>d MMM yyyy</source>
            <comment>an older date as a QDate format: "12 Mar 2023"</comment>
            <translation>d MMM yyyy</translation>
        </message>
        <message>
            <source>ddd</source>
            <comment>a weekday as a QDate format: "Mon"</comment>
            <translation>ddd</translation>
        </message>
        <message>
            <source>d MMM</source>
            <comment>a date this year as a QDate format: "7 Mar"</comment>
            <translation>d MMM</translation>
        </message>
        <message>
            <source>{size} B</source>
            <comment>a file size in bytes</comment>
            <translation>{size} o</translation>
        </message>
        <message>
            <source>{size} GB</source>
            <translation>{size} Go</translation>
        </message>
        <message>
            <source>{size} KB</source>
            <translation>{size} Ko</translation>
        </message>
        <message>
            <source>{size} MB</source>
            <translation>{size} Mo</translation>
        </message>
    </context>
    <context>
        <name>History</name>
        <message numerus="yes">
            <source>The whole history could not be downloaded (%n message(s) saved). {reason}</source>
            <translation>
                <numerusform>Impossible de télécharger tout l'historique (%Ln message enregistré). {reason}</numerusform>
                <numerusform>Impossible de télécharger tout l'historique (%Ln messages enregistrés). {reason}</numerusform>
            </translation>
        </message>
        <message>
            <source>The history could not be saved on this computer. {reason}</source>
            <translation>Impossible d'enregistrer l'historique sur cet ordinateur. {reason}</translation>
        </message>
    </context>
    <context>
        <name>Inbox</name>
        <message>
            <source>A customer</source>
            <translation>Un client</translation>
        </message>
    </context>
    <context>
        <name>InvitationActions</name>
        <message>
            <source>Account actions: sent LinkedIn invitations</source>
            <translation>Actions du compte : invitations LinkedIn envoyées</translation>
        </message>
        <message>
            <source>Account actions</source>
            <translation>Actions du compte</translation>
        </message>
        <message>
            <source>Sent LinkedIn invitations of the account</source>
            <translation>Invitations LinkedIn envoyées par le compte</translation>
        </message>
        <message>
            <source>Account</source>
            <translation>Compte</translation>
        </message>
        <message>
            <source>Sent LinkedIn &amp;invitations</source>
            <translation>&amp;Invitations LinkedIn envoyées</translation>
        </message>
        <message>
            <source>Sent invitations — {account}…</source>
            <translation>Invitations envoyées — {account}…</translation>
        </message>
        <message>
            <source>{account}…</source>
            <translation>{account}…</translation>
        </message>
        <message>
            <source>No LinkedIn account: invitations are a LinkedIn feature</source>
            <translation>Aucun compte LinkedIn : les invitations sont une fonctionnalité de LinkedIn</translation>
        </message>
    </context>
    <context>
        <name>InvitationPanel</name>
        <message>
            <source>Optional: a note LinkedIn shows with the invitation ({limit} characters at most)</source>
            <translation>Facultatif : une note que LinkedIn affiche avec l'invitation ({limit} caractères au maximum)</translation>
        </message>
        <message numerus="yes">
            <source>{first}, {second} and %n more</source>
            <translation>
                <numerusform>{first}, {second} et %Ln autre</numerusform>
                <numerusform>{first}, {second} et %Ln autres</numerusform>
            </translation>
        </message>
        <message>
            <source>{names} already has an invitation pending and will not be invited again.</source>
            <translation>{names} a déjà une invitation en attente : aucune nouvelle invitation ne sera envoyée.</translation>
        </message>
        <message>
            <source>{names} is already a connection: no invitation needed (write to them separately).</source>
            <translation>{names} fait déjà partie de vos relations : aucune invitation n'est nécessaire (écrivez-lui séparément).</translation>
        </message>
        <message numerus="yes">
            <source>All %n invitations were sent.</source>
            <translation>
                <numerusform>%Ln invitation a été envoyée.</numerusform>
                <numerusform>Les %Ln invitations ont toutes été envoyées.</numerusform>
            </translation>
        </message>
        <message>
            <source>{count} / {limit}</source>
            <translation>{count} / {limit}</translation>
        </message>
        <message>
            <source>{names} are not 1st-degree connections, so each gets an invitation to connect (with the same note). They go one by one and each result is listed below as it comes.</source>
            <translation>{names} ne font pas partie de vos relations de 1er niveau : chacun recevra donc une invitation à se connecter (avec la même note). Les invitations partent une par une et chaque résultat s'affiche ci-dessous dès qu'il arrive.</translation>
        </message>
        <message>
            <source>{names} already have invitations pending and will not be invited again.</source>
            <translation>{names} ont déjà des invitations en attente : aucune nouvelle invitation ne leur sera envoyée.</translation>
        </message>
        <message>
            <source>{names} are already connections: no invitation needed (write to them separately).</source>
            <translation>{names} font déjà partie de vos relations : aucune invitation n'est nécessaire (écrivez-leur séparément).</translation>
        </message>
        <message>
            <source>Both invitations were sent.</source>
            <translation>Les deux invitations ont été envoyées.</translation>
        </message>
        <message numerus="yes">
            <source>%n sent</source>
            <translation>
                <numerusform>%Ln envoyée</numerusform>
                <numerusform>%Ln envoyées</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n not sent</source>
            <translation>
                <numerusform>%Ln non envoyée</numerusform>
                <numerusform>%Ln non envoyées</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n not sure (see Sent invitations later)</source>
            <translation>
                <numerusform>%Ln incertaine (consultez Invitations envoyées plus tard)</numerusform>
                <numerusform>%Ln incertaines (consultez Invitations envoyées plus tard)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n invitations: {results}.</source>
            <translation>
                <numerusform>%Ln invitation : {results}.</numerusform>
                <numerusform>%Ln invitations : {results}.</numerusform>
            </translation>
        </message>
        <message>
            <source>Invitation note</source>
            <translation>Note d'invitation</translation>
        </message>
        <message>
            <source>Note:</source>
            <translation>Note :</translation>
        </message>
        <message>
            <source>Note length</source>
            <translation>Longueur de la note</translation>
        </message>
        <message>
            <source>Invitation results</source>
            <translation>Résultats des invitations</translation>
        </message>
        <message numerus="yes">
            <source>%n character(s) too many: LinkedIn takes {limit} at most.</source>
            <translation>
                <numerusform>%Ln caractère de trop : LinkedIn en accepte {limit} au maximum.</numerusform>
                <numerusform>%Ln caractères de trop : LinkedIn en accepte {limit} au maximum.</numerusform>
            </translation>
        </message>
        <message>
            <source>LinkedIn takes {limit} characters at most.</source>
            <translation>LinkedIn accepte {limit} caractères au maximum.</translation>
        </message>
        <message>
            <source>{first} and {second}</source>
            <translation>{first} et {second}</translation>
        </message>
        <message>
            <source>{names} is not a 1st-degree connection, so this sends an invitation to connect. To write a message instead, {alternatives}.</source>
            <translation>{names} ne fait pas partie de vos relations de 1er niveau : une invitation à se connecter sera donc envoyée. Pour écrire plutôt un message, {alternatives}.</translation>
        </message>
        <message>
            <source>{name}: waiting…</source>
            <translation>{name} : en attente…</translation>
        </message>
        <message>
            <source>Each invitation's result is listed below.</source>
            <translation>Le résultat de chaque invitation s'affiche ci-dessous.</translation>
        </message>
        <message>
            <source>turn on InMail</source>
            <translation>activez InMail</translation>
        </message>
        <message>
            <source>Nobody here can be invited.</source>
            <translation>Aucune de ces personnes ne peut être invitée.</translation>
        </message>
    </context>
    <context>
        <name>Invitations</name>
        <message>
            <source>This account reached LinkedIn's weekly invitation limit. Try again in a few days.</source>
            <translation>Ce compte a atteint la limite hebdomadaire d'invitations de LinkedIn. Réessayez dans quelques jours.</translation>
        </message>
        <message>
            <source>{name} was not invited. {reason}</source>
            <translation>L'invitation à {name} n'a pas été envoyée. {reason}</translation>
        </message>
        <message>
            <source>Invitation sent to {name} (on the second try: the sent list showed the first had not arrived).</source>
            <translation>Invitation envoyée à {name} (au deuxième essai : la liste des invitations envoyées montrait que la première n'était pas arrivée).</translation>
        </message>
        <message>
            <source>Invitation sent to {name}.</source>
            <translation>Invitation envoyée à {name}.</translation>
        </message>
        <message>
            <source>{name} was invited recently; LinkedIn does not allow another invitation yet.</source>
            <translation>{name} a reçu une invitation récemment ; LinkedIn n'autorise pas encore de nouvelle invitation.</translation>
        </message>
        <message>
            <source>LinkedIn does not allow inviting {name} (they may already be a connection, or accept no invitations).</source>
            <translation>LinkedIn ne permet pas d'inviter {name} (cette personne fait peut-être déjà partie de vos relations, ou n'accepte pas d'invitations).</translation>
        </message>
        <message>
            <source>The note is too long for LinkedIn, so {name} was not invited. Shorten the note (free LinkedIn accounts allow fewer characters) and try again.</source>
            <translation>La note est trop longue pour LinkedIn : l'invitation à {name} n'a donc pas été envoyée. Raccourcissez la note (les comptes LinkedIn gratuits autorisent moins de caractères) et réessayez.</translation>
        </message>
        <message numerus="yes">
            <source>The note is {length} characters long; LinkedIn allows at most {limit}. Shorten it by %n character(s).</source>
            <translation>
                <numerusform>La note compte {length} caractères ; LinkedIn en autorise {limit} au maximum. Raccourcissez-la de %Ln caractère.</numerusform>
                <numerusform>La note compte {length} caractères ; LinkedIn en autorise {limit} au maximum. Raccourcissez-la de %Ln caractères.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Not sure the invitation to {name} reached LinkedIn; checked the sent list: it is not there after %n attempt(s), so {name} was not invited. Try again later.</source>
            <translation>
                <numerusform>Impossible de confirmer que l'invitation à {name} est arrivée sur LinkedIn. D'après la liste des invitations envoyées, elle n'y figure toujours pas après %Ln tentative : l'invitation à {name} n'a donc pas été envoyée. Réessayez plus tard.</numerusform>
                <numerusform>Impossible de confirmer que l'invitation à {name} est arrivée sur LinkedIn. D'après la liste des invitations envoyées, elle n'y figure toujours pas après %Ln tentatives : l'invitation à {name} n'a donc pas été envoyée. Réessayez plus tard.</numerusform>
            </translation>
        </message>
        <message>
            <source>this person</source>
            <translation>cette personne</translation>
        </message>
        <message>
            <source>Not sure the invitation to {name} reached LinkedIn; checked the sent list: it could not be read. {reason} It will be checked again when the app starts.</source>
            <translation>Impossible de confirmer que l'invitation à {name} est arrivée sur LinkedIn, et la liste des invitations envoyées n'a pas pu être lue. {reason} Elle sera vérifiée à nouveau au prochain démarrage de l'application.</translation>
        </message>
        <message>
            <source>Invitation sent to {name} (found in the sent list after the answer was lost).</source>
            <translation>Invitation envoyée à {name} (retrouvée dans la liste des invitations envoyées après la perte de la réponse).</translation>
        </message>
        <message>
            <source>The invitation to {name} is not in the sent list; sending it again…</source>
            <translation>L'invitation à {name} ne figure pas dans la liste des invitations envoyées ; nouvel envoi…</translation>
        </message>
        <message>
            <source>Not sure the invitation to {name} reached LinkedIn. {reason} Checking the sent list…</source>
            <translation>Impossible de confirmer que l'invitation à {name} est arrivée sur LinkedIn. {reason} Vérification de la liste des invitations envoyées…</translation>
        </message>
        <message>
            <source>Invitation sent to {name} (the first attempt reached LinkedIn after all).</source>
            <translation>Invitation envoyée à {name} (la première tentative était finalement bien arrivée sur LinkedIn).</translation>
        </message>
        <message>
            <source>The sent invitations could not be loaded. {reason}</source>
            <translation>Impossible de charger les invitations envoyées. {reason}</translation>
        </message>
        <message>
            <source>The invitation to {name} is no longer waiting on LinkedIn (it was accepted or withdrawn already).</source>
            <translation>L'invitation à {name} n'est plus en attente sur LinkedIn (elle a déjà été acceptée ou retirée).</translation>
        </message>
        <message>
            <source>Inviting {name}…</source>
            <translation>Envoi de l'invitation à {name}…</translation>
        </message>
        <message>
            <source>The invitation to {name} was not withdrawn. {reason}</source>
            <translation>L'invitation à {name} n'a pas été retirée. {reason}</translation>
        </message>
        <message>
            <source>{name} was not invited: the invitations stopped. {reason}</source>
            <translation>L'invitation à {name} n'a pas été envoyée : l'envoi des invitations s'est arrêté. {reason}</translation>
        </message>
        <message>
            <source>{name} already has a pending invitation from this account; not invited again.</source>
            <translation>{name} a déjà une invitation en attente de ce compte ; aucune nouvelle invitation n'est envoyée.</translation>
        </message>
    </context>
    <context>
        <name>KeyRejectedBanner</name>
        <message>
            <source>API key rejected</source>
            <translation>Clé d'API refusée</translation>
        </message>
        <message>
            <source>Enter new key…</source>
            <translation>Saisir une nouvelle clé…</translation>
        </message>
        <message>
            <source>API key rejected: Unipile refused the API key, so nothing new can load. Enter the current key; what you typed stays where it is.</source>
            <translation>Clé d'API refusée : Unipile a refusé la clé d'API, plus rien de nouveau ne peut donc être chargé. Saisissez la clé actuelle ; ce que vous avez saisi reste en place.</translation>
        </message>
        <message>
            <source>API key rejected: Unipile refused the key of the profile “{profile}”, so nothing new can load. Enter the current key; what you typed stays where it is.</source>
            <translation>Clé d'API refusée : Unipile a refusé la clé du profil « {profile} », plus rien de nouveau ne peut donc être chargé. Saisissez la clé actuelle ; ce que vous avez saisi reste en place.</translation>
        </message>
    </context>
    <context>
        <name>Keyring</name>
        <message>
            <source>No system keyring is available on this computer, so the API key cannot be stored safely. On Linux, install and start a Secret Service provider such as GNOME Keyring (package gnome-keyring) or KWallet, then try again.</source>
            <translation>Aucun trousseau de clés système n'est disponible sur cet ordinateur : la clé d'API ne peut donc pas être stockée de façon sûre. Sous Linux, installez et lancez un fournisseur Secret Service comme GNOME Keyring (paquet gnome-keyring) ou KWallet, puis réessayez.</translation>
        </message>
        <message>
            <source>The system keyring is locked, or its unlock prompt was dismissed. Unlock it when asked (or unlock the login keyring in your keyring manager, such as Passwords and Keys), then try again.</source>
            <translation>Le trousseau de clés du système est verrouillé, ou sa demande de déverrouillage a été fermée. Déverrouillez-le quand cela vous est demandé (ou déverrouillez le trousseau de connexion dans votre gestionnaire de trousseaux, comme Mots de passe et clés), puis réessayez.</translation>
        </message>
        <message>
            <source>The system keyring could not be opened. Make sure the keyring service (such as GNOME Keyring or KWallet) is running and has a default keyring, then try again.</source>
            <translation>Impossible d'ouvrir le trousseau de clés du système. Vérifiez que le service de trousseau (comme GNOME Keyring ou KWallet) est lancé et dispose d'un trousseau par défaut, puis réessayez.</translation>
        </message>
        <message>
            <source>The system keyring refused to store the API key. Make sure it is unlocked and writable, then try again.</source>
            <translation>Le trousseau de clés du système a refusé de stocker la clé d'API. Vérifiez qu'il est déverrouillé et accessible en écriture, puis réessayez.</translation>
        </message>
        <message>
            <source>The system keyring did not work. Make sure the keyring service is running and unlocked, then try again.</source>
            <translation>Le trousseau de clés du système n'a pas fonctionné. Vérifiez que le service de trousseau est lancé et déverrouillé, puis réessayez.</translation>
        </message>
        <message>
            <source>none (no keyring backend is available)</source>
            <translation>aucun (aucun système de trousseau n'est disponible)</translation>
        </message>
        <message>
            <source>none (the null keyring stores nothing)</source>
            <translation>aucun (le trousseau nul ne stocke rien)</translation>
        </message>
        <message>
            <source>{backend} from {module} (a file, not a system keyring)</source>
            <translation>{backend} de {module} (un fichier, pas un trousseau de clés du système)</translation>
        </message>
        <message>
            <source>none (the keyring could not be loaded)</source>
            <translation>aucun (impossible de charger le trousseau)</translation>
        </message>
    </context>
    <context>
        <name>KeyringDialog</name>
        <message>
            <source>Use the key for this session only</source>
            <translation>Utiliser la clé pour cette session uniquement</translation>
        </message>
        <message>
            <source>On Windows and macOS the system keyring is built in; if it is missing there, ask your IT department.</source>
            <translation>Sous Windows et macOS, le trousseau de clés est intégré au système ; s'il est absent, adressez-vous à votre service informatique.</translation>
        </message>
        <message>
            <source>Keyring not available</source>
            <translation>Trousseau de clés indisponible</translation>
        </message>
        <message>
            <source>Your system keyring cannot be used right now</source>
            <translation>Le trousseau de clés de votre système est inutilisable pour le moment</translation>
        </message>
        <message>
            <source>You can still work now: the key is then held in memory until you quit Unipile Desktop. It is never written to a file, so you will be asked for it again next time.</source>
            <translation>Vous pouvez tout de même travailler dès maintenant : la clé est alors conservée en mémoire jusqu'à ce que vous quittiez Unipile Desktop. Elle n'est jamais écrite dans un fichier : elle vous sera donc redemandée la prochaine fois.</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Annuler</translation>
        </message>
        <message>
            <source>Keyring in use: {backend}.</source>
            <translation>Trousseau utilisé : {backend}.</translation>
        </message>
    </context>
    <context>
        <name>LanguageMenu</name>
        <message>
            <source>The language changes the next time the app starts.</source>
            <translation>La langue changera au prochain démarrage de l'application.</translation>
        </message>
        <message>
            <source>&amp;System language</source>
            <translation>Langue du &amp;système</translation>
        </message>
    </context>
    <context>
        <name>LinkedinSection</name>
        <message numerus="yes">
            <source>{first}, {second} and %n more</source>
            <translation>
                <numerusform>{first}, {second} et %Ln autre</numerusform>
                <numerusform>{first}, {second} et %Ln autres</numerusform>
            </translation>
        </message>
        <message>
            <source>turn on InMail</source>
            <translation>activez InMail</translation>
        </message>
        <message>
            <source>Turn on InMail</source>
            <translation>Activez InMail</translation>
        </message>
        <message>
            <source>turn on InMail, or send with {apis}</source>
            <translation>activez InMail, ou envoyez avec {apis}</translation>
        </message>
        <message>
            <source>LinkedIn</source>
            <translation>LinkedIn</translation>
        </message>
        <message>
            <source>Send as InMail (reaches people outside your network; uses a Premium credit)</source>
            <translation>Envoyer en InMail (permet de joindre des personnes hors de votre réseau ; utilise un crédit Premium)</translation>
        </message>
        <message>
            <source>Send with:</source>
            <translation>Envoyer avec :</translation>
        </message>
        <message>
            <source>Credits:</source>
            <translation>Crédits :</translation>
        </message>
        <message>
            <source>{first} and {second}</source>
            <translation>{first} et {second}</translation>
        </message>
        <message>
            <source>{first} or {second}</source>
            <translation>{first} ou {second}</translation>
        </message>
        <message>
            <source>Turn on InMail, or send with {apis}</source>
            <translation>Activez InMail, ou envoyez avec {apis}</translation>
        </message>
        <message>
            <source>InMail reaches people who are not your 1st-degree connections and uses a Premium InMail credit.</source>
            <translation>InMail permet de joindre des personnes qui ne font pas partie de vos relations de 1er niveau et utilise un crédit InMail Premium.</translation>
        </message>
        <message>
            <source>{label} InMail credits left: {credits} (only used for InMail)</source>
            <translation>Crédits InMail {label} restants : {credits} (utilisés uniquement pour InMail)</translation>
        </message>
        <message>
            <source>{label} InMail credits left: {credits}</source>
            <translation>Crédits InMail {label} restants : {credits}</translation>
        </message>
        <message>
            <source>Checking this account's LinkedIn products and credits…</source>
            <translation>Vérification des produits et crédits LinkedIn de ce compte…</translation>
        </message>
        <message>
            <source>This account has no LinkedIn Premium, so LinkedIn will probably refuse the InMail.</source>
            <translation>Ce compte n'a pas LinkedIn Premium : LinkedIn refusera donc probablement l'InMail.</translation>
        </message>
        <message>
            <source>{names} is not a 1st-degree connection. {alternatives}.</source>
            <translation>{names} ne fait pas partie de vos relations de 1er niveau. {alternatives}.</translation>
        </message>
        <message>
            <source>{names} are not 1st-degree connections. {alternatives}.</source>
            <translation>{names} ne font pas partie de vos relations de 1er niveau. {alternatives}.</translation>
        </message>
        <message>
            <source>An InMail goes to one person. Remove the other recipients or turn off InMail.</source>
            <translation>Un InMail ne s'adresse qu'à une seule personne. Retirez les autres destinataires ou désactivez InMail.</translation>
        </message>
        <message>
            <source>{names} is outside your network, so this would be an InMail, and an InMail goes to one person. Write to them separately.</source>
            <translation>{names} est hors de votre réseau : ce serait donc un InMail, et un InMail ne s'adresse qu'à une seule personne. Écrivez-lui séparément.</translation>
        </message>
        <message>
            <source>{names} are outside your network, so this would be an InMail, and an InMail goes to one person. Write to them separately.</source>
            <translation>{names} sont hors de votre réseau : ce serait donc un InMail, et un InMail ne s'adresse qu'à une seule personne. Écrivez-leur séparément.</translation>
        </message>
        <message>
            <source>{api} reaches people outside your network with its own InMail credits, so there is no InMail switch.</source>
            <translation>{api} permet de joindre des personnes hors de votre réseau avec ses propres crédits InMail : il n'y a donc pas d'option InMail.</translation>
        </message>
        <message>
            <source>{label} InMail credits: not known</source>
            <translation>Crédits InMail {label} : inconnus</translation>
        </message>
        <message>
            <source>⚠ No {label} InMail credits left. LinkedIn will refuse messages to people outside your network until the credits renew.</source>
            <translation>⚠ Plus aucun crédit InMail {label}. LinkedIn refusera les messages aux personnes hors de votre réseau jusqu'au renouvellement des crédits.</translation>
        </message>
        <message>
            <source>Send through LinkedIn {api}</source>
            <translation>Envoyer via LinkedIn {api}</translation>
        </message>
    </context>
    <context>
        <name>Links</name>
        <message>
            <source>This link was not opened: only web links (http or https) can be opened from a message.</source>
            <translation>Ce lien n'a pas été ouvert : seuls les liens web (http ou https) peuvent être ouverts depuis un message.</translation>
        </message>
        <message>
            <source>This link was not opened: its address holds hidden characters and is not valid: {address}</source>
            <translation>Ce lien n'a pas été ouvert : son adresse contient des caractères cachés et n'est pas valide : {address}</translation>
        </message>
        <message>
            <source>Open this link?</source>
            <translation>Ouvrir ce lien ?</translation>
        </message>
        <message>
            <source>This link contains hidden characters that can make it read as another address.</source>
            <translation>Ce lien contient des caractères cachés qui peuvent le faire passer pour une autre adresse.</translation>
        </message>
        <message>
            <source>The address starts with a name followed by “@”: the site it opens is the one after the “@”, not the name before it (“https://bank.example@evil.example/” opens evil.example).</source>
            <translation>L'adresse commence par un nom suivi de « @ » : le site ouvert est celui qui suit le « @ », pas le nom qui le précède (« https://bank.example@evil.example/ » ouvre evil.example).</translation>
        </message>
        <message>
            <source>The site's name uses letters outside plain English ones: it may imitate a site you know (a Cyrillic “а” looks like a Latin “a”).</source>
            <translation>Le nom du site utilise des lettres autres que les lettres latines courantes : il peut imiter un site que vous connaissez (un « а » cyrillique ressemble à un « a » latin).</translation>
        </message>
        <message>
            <source>The real address is:
{address}</source>
            <translation>La véritable adresse est :
{address}</translation>
        </message>
        <message>
            <source>As written in the message:
{address}</source>
            <translation>Telle qu'écrite dans le message :
{address}</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Ouvrir</translation>
        </message>
        <message>
            <source>Link not opened</source>
            <translation>Lien non ouvert</translation>
        </message>
        <message>
            <source>Open it only if you trust where it leads.</source>
            <translation>Ne l'ouvrez que si vous faites confiance à sa destination.</translation>
        </message>
    </context>
    <context>
        <name>LiveUpdates</name>
        <message>
            <source>The server asked to slow down; retrying…</source>
            <translation>Le serveur a demandé de ralentir ; nouvelle tentative…</translation>
        </message>
        <message>
            <source>Offline</source>
            <translation>Hors ligne</translation>
        </message>
        <message>
            <source>Offline — retrying…</source>
            <translation>Hors ligne — nouvelle tentative…</translation>
        </message>
        <message>
            <source>The server asked to slow down; retrying in {seconds} s</source>
            <translation>Le serveur a demandé de ralentir ; nouvelle tentative dans {seconds} s</translation>
        </message>
        <message>
            <source>Offline — retrying in {seconds} s</source>
            <translation>Hors ligne — nouvelle tentative dans {seconds} s</translation>
        </message>
        <message>
            <source>Updates paused: the server asked to slow down</source>
            <translation>Mises à jour en pause : le serveur a demandé de ralentir</translation>
        </message>
        <message>
            <source>Syncing…</source>
            <translation>Synchronisation…</translation>
        </message>
        <message>
            <source>Checking for new messages</source>
            <translation>Recherche de nouveaux messages</translation>
        </message>
        <message>
            <source>Updates paused</source>
            <translation>Mises à jour en pause</translation>
        </message>
        <message>
            <source>{reason} Press F5 to try again now.</source>
            <translation>{reason} Appuyez sur F5 pour réessayer maintenant.</translation>
        </message>
    </context>
    <context>
        <name>LocalDatabase</name>
        <message>
            <source>The local database was damaged and has been set aside as “{name}” (in {folder}). Chats and messages will be downloaded again. Recovered from it: {messages} and {drafts}.</source>
            <translation>La base de données locale était endommagée et a été mise de côté sous le nom « {name} » (dans {folder}). Les conversations et les messages vont être téléchargés de nouveau. Récupérés : {messages} et {drafts}.</translation>
        </message>
        <message>
            <source>The local database was damaged and has been set aside as “{name}” (in {folder}). Chats and messages will be downloaded again. The {what} it held could not be recovered: check the conversations you were writing in and send again what is missing.</source>
            <translation>La base de données locale était endommagée et a été mise de côté sous le nom « {name} » (dans {folder}). Les conversations et les messages vont être téléchargés de nouveau. Impossible de récupérer ce qu'elle contenait : {what}. Vérifiez les conversations dans lesquelles vous écriviez et renvoyez ce qui manque.</translation>
        </message>
        <message>
            <source>drafts</source>
            <translation>brouillons</translation>
        </message>
        <message>
            <source>unsent messages</source>
            <translation>messages non envoyés</translation>
        </message>
        <message>
            <source>LinkedIn invitations in progress</source>
            <translation>invitations LinkedIn en cours</translation>
        </message>
        <message>
            <source>private notes</source>
            <translation>notes privées</translation>
        </message>
        <message>
            <source>labels</source>
            <translation>étiquettes</translation>
        </message>
        <message numerus="yes">
            <source>%n unsent message(s)</source>
            <translation>
                <numerusform>%Ln message non envoyé</numerusform>
                <numerusform>%Ln messages non envoyés</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n draft(s)</source>
            <translation>
                <numerusform>%Ln brouillon</numerusform>
                <numerusform>%Ln brouillons</numerusform>
            </translation>
        </message>
        <message>
            <source>This profile is already open in another Unipile Desktop window. Close it there first.</source>
            <translation>Ce profil est déjà ouvert dans une autre fenêtre d'Unipile Desktop. Fermez-le d'abord dans cette fenêtre.</translation>
        </message>
        <message>
            <source>The local database is damaged. Restart the app: it will set the file aside and start fresh.</source>
            <translation>La base de données locale est endommagée. Redémarrez l'application : elle mettra le fichier de côté et repartira de zéro.</translation>
        </message>
        <message>
            <source>{items} and {last}</source>
            <translation>{items} et {last}</translation>
        </message>
        <message>
            <source>The local database was written by a newer version of Unipile Desktop (schema {current}, this version knows {target}). Update the app; the database was left untouched.</source>
            <translation>La base de données locale a été écrite par une version plus récente d'Unipile Desktop (schéma {current}, alors que cette version ne connaît que le schéma {target}). Mettez l'application à jour ; la base de données n'a pas été modifiée.</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message numerus="yes">
            <source>Looking up names… (%n left)</source>
            <translation>
                <numerusform>Recherche des noms… (%Ln restant)</numerusform>
                <numerusform>Recherche des noms… (%Ln restants)</numerusform>
            </translation>
        </message>
        <message>
            <source>{account}: {status}. Messages from this account will not go out until it is fixed in the Unipile dashboard.</source>
            <translation>{account} : {status}. Les messages de ce compte ne partiront pas tant que le problème n'aura pas été corrigé dans le tableau de bord Unipile.</translation>
        </message>
        <message>
            <source>Filter chats</source>
            <translation>Filtrer les conversations</translation>
        </message>
        <message>
            <source>Shows the chats whose name, people, message or account match</source>
            <translation>Affiche les conversations dont le nom, les participants, un message ou le compte correspondent</translation>
        </message>
        <message>
            <source>New chat</source>
            <translation>Nouvelle conversation</translation>
        </message>
        <message>
            <source>Loading chats…</source>
            <translation>Chargement des conversations…</translation>
        </message>
        <message>
            <source>This account</source>
            <translation>Ce compte</translation>
        </message>
        <message>
            <source>The new chat could not be started. {reason} Press {keys} to try again.</source>
            <translation>La nouvelle conversation n'a pas pu être démarrée. {reason} Appuyez sur {keys} pour réessayer.</translation>
        </message>
        <message>
            <source>Start a chat or a group</source>
            <translation>Démarrer une conversation ou un groupe</translation>
        </message>
        <message>
            <source>{app} — Demo</source>
            <translation>{app} — Démo</translation>
        </message>
        <message>
            <source>No chats match the filter.</source>
            <translation>Aucune conversation ne correspond au filtre.</translation>
        </message>
        <message>
            <source>No chats yet.</source>
            <translation>Aucune conversation pour l'instant.</translation>
        </message>
        <message>
            <source>The chats could not be loaded. {reason} Press F5 to try again.</source>
            <translation>Les conversations n'ont pas pu être chargées. {reason} Appuyez sur F5 pour réessayer.</translation>
        </message>
        <message>
            <source>The chats could not be loaded. Press F5 to try again.</source>
            <translation>Les conversations n'ont pas pu être chargées. Appuyez sur F5 pour réessayer.</translation>
        </message>
    </context>
    <context>
        <name>MessageList</name>
        <message>
            <source>sent twice</source>
            <translation>envoyé deux fois</translation>
        </message>
        <message>
            <source>sent</source>
            <translation>envoyé</translation>
        </message>
        <message>
            <source>waiting to send</source>
            <translation>en attente d'envoi</translation>
        </message>
        <message>
            <source>sending</source>
            <translation>envoi en cours</translation>
        </message>
        <message>
            <source>checking whether it arrived</source>
            <translation>vérification de la réception</translation>
        </message>
        <message>
            <source>not sure this was sent</source>
            <translation>envoi non confirmé</translation>
        </message>
        <message>
            <source>not sent</source>
            <translation>non envoyé</translation>
        </message>
        <message>
            <source>Photo</source>
            <translation>Photo</translation>
        </message>
        <message>
            <source>Attachment</source>
            <translation>Pièce jointe</translation>
        </message>
        <message>
            <source>You</source>
            <translation>Vous</translation>
        </message>
        <message>
            <source>They</source>
            <translation>Votre interlocuteur</translation>
        </message>
        <message>
            <source>Message shortened; the whole message opens from its menu</source>
            <translation>Message raccourci ; le message complet s'ouvre depuis son menu</translation>
        </message>
        <message>
            <source>edited</source>
            <translation>modifié</translation>
        </message>
        <message>
            <source>seen</source>
            <translation>vu</translation>
        </message>
        <message>
            <source>{sender}: {text}</source>
            <translation>{sender} : {text}</translation>
        </message>
        <message>
            <source>delivered</source>
            <translation>remis</translation>
        </message>
    </context>
    <context>
        <name>MessageRows</name>
        <message>
            <source>This message was deleted</source>
            <translation>Ce message a été supprimé</translation>
        </message>
        <message>
            <source>Reaction</source>
            <translation>Réaction</translation>
        </message>
        <message>
            <source>Reacted to your message</source>
            <translation>A réagi à votre message</translation>
        </message>
        <message>
            <source>Group created</source>
            <translation>Groupe créé</translation>
        </message>
        <message>
            <source>Group name changed</source>
            <translation>Nom du groupe modifié</translation>
        </message>
        <message>
            <source>Participant added</source>
            <translation>Participant ajouté</translation>
        </message>
        <message>
            <source>Participant removed</source>
            <translation>Participant retiré</translation>
        </message>
        <message>
            <source>Participant left</source>
            <translation>Un participant est parti</translation>
        </message>
        <message>
            <source>Missed voice call</source>
            <translation>Appel vocal manqué</translation>
        </message>
        <message>
            <source>Missed video call</source>
            <translation>Appel vidéo manqué</translation>
        </message>
        <message>
            <source>Image</source>
            <translation>Image</translation>
        </message>
        <message>
            <source>Video</source>
            <translation>Vidéo</translation>
        </message>
        <message>
            <source>Audio</source>
            <translation>Audio</translation>
        </message>
        <message>
            <source>LinkedIn post</source>
            <translation>Publication LinkedIn</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>Aujourd'hui</translation>
        </message>
        <message>
            <source>Yesterday</source>
            <translation>Hier</translation>
        </message>
        <message>
            <source>File</source>
            <translation>Fichier</translation>
        </message>
        <message>
            <source>Conversation event</source>
            <translation>Événement de la conversation</translation>
        </message>
    </context>
    <context>
        <name>MessageView</name>
        <message>
            <source>You</source>
            <translation>Vous</translation>
        </message>
        <message>
            <source>Messages</source>
            <translation>Messages</translation>
        </message>
        <message>
            <source>The open chat's messages, oldest first</source>
            <translation>Les messages de la conversation ouverte, du plus ancien au plus récent</translation>
        </message>
        <message>
            <source>New messages ↓</source>
            <translation>Nouveaux messages ↓</translation>
        </message>
        <message>
            <source>Go to the newest message</source>
            <translation>Aller au message le plus récent</translation>
        </message>
        <message>
            <source>They</source>
            <translation>Votre interlocuteur</translation>
        </message>
        <message numerus="yes">
            <source>Copy %n message(s)</source>
            <translation>
                <numerusform>Copier %Ln message</numerusform>
                <numerusform>Copier %Ln messages</numerusform>
            </translation>
        </message>
        <message>
            <source>Copy text</source>
            <translation>Copier le texte</translation>
        </message>
        <message>
            <source>Select text…</source>
            <translation>Sélectionner du texte…</translation>
        </message>
        <message>
            <source>Open link {link}</source>
            <translation>Ouvrir le lien {link}</translation>
        </message>
        <message>
            <source>Copy link {link}</source>
            <translation>Copier le lien {link}</translation>
        </message>
        <message>
            <source>Save as…</source>
            <translation>Enregistrer sous…</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Ouvrir</translation>
        </message>
        <message>
            <source>Show whole message</source>
            <translation>Afficher le message complet</translation>
        </message>
        <message>
            <source>Save “{name}” as…</source>
            <translation>Enregistrer « {name} » sous…</translation>
        </message>
        <message>
            <source>Open “{name}”</source>
            <translation>Ouvrir « {name} »</translation>
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
            <translation>Relation de 1er niveau</translation>
        </message>
        <message>
            <source>2nd-degree</source>
            <translation>2e niveau</translation>
        </message>
        <message>
            <source>3rd-degree</source>
            <translation>3e niveau</translation>
        </message>
        <message>
            <source>Out of network</source>
            <translation>Hors réseau</translation>
        </message>
        <message>
            <source>Choose the account to write from.</source>
            <translation>Choisissez le compte depuis lequel écrire.</translation>
        </message>
        <message>
            <source>Add at least one recipient.</source>
            <translation>Ajoutez au moins un destinataire.</translation>
        </message>
        <message>
            <source>Write a message or attach a file.</source>
            <translation>Écrivez un message ou joignez un fichier.</translation>
        </message>
        <message>
            <source>An InMail goes to one person. Remove the other recipients or turn off InMail.</source>
            <translation>Un InMail ne s'envoie qu'à une seule personne. Retirez les autres destinataires ou désactivez InMail.</translation>
        </message>
        <message>
            <source>This account has no LinkedIn {product} seat.</source>
            <translation>Ce compte n'a pas de licence LinkedIn {product}.</translation>
        </message>
        <message>
            <source>This account cannot send right now ({status}). Reconnect it in the Unipile dashboard.</source>
            <translation>Ce compte ne peut pas envoyer de messages pour le moment ({status}). Reconnectez-le dans le tableau de bord Unipile.</translation>
        </message>
        <message>
            <source>The chat could not be started.</source>
            <translation>La conversation n'a pas pu être démarrée.</translation>
        </message>
        <message>
            <source>“{name}” is {size}; the limit is {limit}.</source>
            <translation>« {name} » fait {size} ; la limite est de {limit}.</translation>
        </message>
        <message>
            <source>The contacts of this account could not be loaded. {reason}</source>
            <translation>Les contacts de ce compte n'ont pas pu être chargés. {reason}</translation>
        </message>
        <message>
            <source>LinkedIn products could not be confirmed. {reason}</source>
            <translation>Les produits LinkedIn n'ont pas pu être vérifiés. {reason}</translation>
        </message>
        <message>
            <source>InMail credits could not be loaded. {reason}</source>
            <translation>Les crédits InMail n'ont pas pu être chargés. {reason}</translation>
        </message>
        <message>
            <source>An attachment could not be read: {reason}.</source>
            <translation>Une pièce jointe n'a pas pu être lue : {reason}.</translation>
        </message>
    </context>
    <context>
        <name>NewChatDialog</name>
        <message>
            <source>Write the first message… (Ctrl+Enter sends)</source>
            <translation>Écrivez le premier message… (Ctrl+Entrée pour envoyer)</translation>
        </message>
        <message>
            <source>New chat</source>
            <translation>Nouvelle conversation</translation>
        </message>
        <message>
            <source>From account</source>
            <translation>Depuis le compte</translation>
        </message>
        <message>
            <source>Group name</source>
            <translation>Nom du groupe</translation>
        </message>
        <message>
            <source>Group name:</source>
            <translation>Nom du groupe :</translation>
        </message>
        <message>
            <source>Message</source>
            <translation>Message</translation>
        </message>
        <message>
            <source>Attach…</source>
            <translation>Joindre…</translation>
        </message>
        <message>
            <source>Clear</source>
            <translation>Effacer</translation>
        </message>
        <message>
            <source>Empty every field and forget this draft</source>
            <translation>Vider tous les champs et oublier ce brouillon</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Fermer</translation>
        </message>
        <message>
            <source>Close; what you typed is kept for next time (Esc)</source>
            <translation>Fermer ; votre saisie est conservée pour la prochaine fois (Échap)</translation>
        </message>
        <message>
            <source>Send</source>
            <translation>Envoyer</translation>
        </message>
        <message>
            <source>From:</source>
            <translation>De :</translation>
        </message>
        <message>
            <source>To:</source>
            <translation>À :</translation>
        </message>
        <message>
            <source>Message:</source>
            <translation>Message :</translation>
        </message>
        <message>
            <source>This is what you wrote before. Clear empties the form.</source>
            <translation>Voici ce que vous aviez écrit. « Effacer » vide le formulaire.</translation>
        </message>
        <message>
            <source>This is what you wrote before. Clear empties the form. {missing}</source>
            <translation>Voici ce que vous aviez écrit. « Effacer » vide le formulaire. {missing}</translation>
        </message>
        <message>
            <source>Sending…</source>
            <translation>Envoi en cours…</translation>
        </message>
        <message>
            <source>The chat is being started</source>
            <translation>La conversation est en cours de création</translation>
        </message>
        <message>
            <source>Create group</source>
            <translation>Créer le groupe</translation>
        </message>
        <message>
            <source>Start the chat and send the message (Ctrl+Enter)</source>
            <translation>Démarrer la conversation et envoyer le message (Ctrl+Entrée)</translation>
        </message>
        <message>
            <source>Starting the chat…</source>
            <translation>Démarrage de la conversation…</translation>
        </message>
        <message>
            <source>Sending invitations…</source>
            <translation>Envoi des invitations…</translation>
        </message>
        <message>
            <source>The invitations are being sent one by one</source>
            <translation>Les invitations sont envoyées une par une</translation>
        </message>
        <message>
            <source>Send invitation</source>
            <translation>Envoyer l'invitation</translation>
        </message>
        <message numerus="yes">
            <source>Send %n invitation(s)</source>
            <translation>
                <numerusform>Envoyer %Ln invitation</numerusform>
                <numerusform>Envoyer %Ln invitations</numerusform>
            </translation>
        </message>
        <message>
            <source>Send the invitation to connect (Ctrl+Enter)</source>
            <translation>Envoyer l'invitation à entrer en relation (Ctrl+Entrée)</translation>
        </message>
        <message>
            <source>Invitations are already being sent; try again when they are done.</source>
            <translation>Des invitations sont déjà en cours d'envoi ; réessayez quand ce sera terminé.</translation>
        </message>
        <message>
            <source>This account cannot send right now ({reason}). Reconnect it in the dashboard.</source>
            <translation>Ce compte ne peut pas envoyer de messages pour le moment ({reason}). Reconnectez-le dans le tableau de bord.</translation>
        </message>
        <message>
            <source>The current account cannot send right now ({reason}); choose another one.</source>
            <translation>Le compte sélectionné ne peut pas envoyer de messages pour le moment ({reason}) ; choisissez-en un autre.</translation>
        </message>
        <message>
            <source>Subject:</source>
            <translation>Objet :</translation>
        </message>
        <message>
            <source>Optional: the InMail's subject line</source>
            <translation>Facultatif : l'objet de l'InMail</translation>
        </message>
        <message>
            <source>Subject</source>
            <translation>Objet</translation>
        </message>
        <message>
            <source>A chat is being started</source>
            <translation>Une conversation est en cours de création</translation>
        </message>
        <message>
            <source>Choose the account to write from</source>
            <translation>Choisissez le compte depuis lequel écrire</translation>
        </message>
        <message>
            <source>This account cannot send right now</source>
            <translation>Ce compte ne peut pas envoyer de messages pour le moment</translation>
        </message>
        <message>
            <source>Add at least one recipient</source>
            <translation>Ajoutez au moins un destinataire</translation>
        </message>
        <message>
            <source>Write a message or attach a file</source>
            <translation>Écrivez un message ou joignez un fichier</translation>
        </message>
        <message>
            <source>Invitations are being sent</source>
            <translation>Les invitations sont en cours d'envoi</translation>
        </message>
        <message>
            <source>Nobody here can be invited</source>
            <translation>Personne ici ne peut être invité</translation>
        </message>
        <message>
            <source>Optional: a name for the group</source>
            <translation>Facultatif : un nom pour le groupe</translation>
        </message>
        <message>
            <source>An invitation is already pending</source>
            <translation>Une invitation est déjà en attente</translation>
        </message>
    </context>
    <context>
        <name>Notes</name>
        <message>
            <source>A note needs some text.</source>
            <translation>Une note doit contenir du texte.</translation>
        </message>
    </context>
    <context>
        <name>NotificationService</name>
        <message>
            <source>Desktop notifications are off: no notification service is running on this desktop.</source>
            <translation>Les notifications du bureau sont désactivées : aucun service de notification n'est actif sur ce bureau.</translation>
        </message>
        <message>
            <source>Desktop notifications are off: this session has no D-Bus session bus.</source>
            <translation>Les notifications du bureau sont désactivées : cette session n'a pas de bus de session D-Bus.</translation>
        </message>
        <message>
            <source>Desktop notifications are off: this system offers no notification centre to the app.</source>
            <translation>Les notifications du bureau sont désactivées : ce système ne met aucun centre de notifications à la disposition de l'application.</translation>
        </message>
        <message>
            <source>Desktop notifications are off: the notification service could not be reached.</source>
            <translation>Les notifications du bureau sont désactivées : le service de notification est injoignable.</translation>
        </message>
    </context>
    <context>
        <name>NotificationSettings</name>
        <message>
            <source>This desktop shows no tray icons, so closing the window quits the app.</source>
            <translation>Ce bureau n'affiche pas d'icônes dans la zone de notification : fermer la fenêtre quitte donc l'application.</translation>
        </message>
        <message>
            <source>Choose at least one working day, or turn working hours off.</source>
            <translation>Choisissez au moins un jour travaillé, ou désactivez les heures de travail.</translation>
        </message>
        <message>
            <source>Notification settings</source>
            <translation>Paramètres des notifications</translation>
        </message>
        <message>
            <source>Hide message text in notifications</source>
            <translation>Masquer le texte des messages dans les notifications</translation>
        </message>
        <message>
            <source>Notifications then say who wrote, not what (for shared screens)</source>
            <translation>Les notifications indiquent alors qui a écrit, mais pas quoi (pour les écrans partagés)</translation>
        </message>
        <message>
            <source>Do not disturb</source>
            <translation>Ne pas déranger</translation>
        </message>
        <message>
            <source>No notifications until this is turned off; the counts still update</source>
            <translation>Aucune notification tant que cette option est activée ; les compteurs continuent d'être mis à jour</translation>
        </message>
        <message>
            <source>Notify only during working hours</source>
            <translation>Notifier uniquement pendant les heures de travail</translation>
        </message>
        <message>
            <source>Working hours start</source>
            <translation>Début des heures de travail</translation>
        </message>
        <message>
            <source>Working hours end</source>
            <translation>Fin des heures de travail</translation>
        </message>
        <message>
            <source>An end before the start spans midnight (a night shift).</source>
            <translation>Une heure de fin antérieure à l'heure de début passe minuit (travail de nuit).</translation>
        </message>
        <message>
            <source> min</source>
            <translation> min</translation>
        </message>
        <message>
            <source>Warn about a waiting customer after, in minutes</source>
            <translation>Signaler un client en attente après, en minutes</translation>
        </message>
        <message>
            <source>Warn about a waiting customer after:</source>
            <translation>Signaler un client en attente après :</translation>
        </message>
        <message>
            <source>Keep running in the tray when the window is closed</source>
            <translation>Continuer à fonctionner dans la zone de notification quand la fenêtre est fermée</translation>
        </message>
        <message>
            <source>From</source>
            <translation>De</translation>
        </message>
        <message>
            <source>to</source>
            <translation>à</translation>
        </message>
    </context>
    <context>
        <name>Notifications</name>
        <message>
            <source>Snooze ended — a chat</source>
            <translation>Fin du report — une conversation</translation>
        </message>
        <message>
            <source>Back in Waiting</source>
            <translation>De retour en attente</translation>
        </message>
        <message>
            <source>Someone</source>
            <translation>Quelqu'un</translation>
        </message>
        <message numerus="yes">
            <source>%n new message(s)</source>
            <translation>
                <numerusform>%Ln nouveau message</numerusform>
                <numerusform>%Ln nouveaux messages</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n new message(s) — {text}</source>
            <translation>
                <numerusform>%Ln nouveau message — {text}</numerusform>
                <numerusform>%Ln nouveaux messages — {text}</numerusform>
            </translation>
        </message>
        <message>
            <source>New message</source>
            <translation>Nouveau message</translation>
        </message>
        <message>
            <source>Snooze ended — {chat}</source>
            <translation>Fin du report — {chat}</translation>
        </message>
        <message>
            <source>Back in Waiting — {account}</source>
            <translation>De retour en attente — {account}</translation>
        </message>
        <message>
            <source>{sender} in {chat} — {account}</source>
            <translation>{sender} dans {chat} — {account}</translation>
        </message>
        <message>
            <source>{sender} in {chat}</source>
            <translation>{sender} dans {chat}</translation>
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
            <translation>L'application s'est arrêtée pendant l'envoi ; vérification de la réception en cours.</translation>
        </message>
        <message>
            <source>Only a message that failed can be retried.</source>
            <translation>Seul un message dont l'envoi a échoué peut être renvoyé.</translation>
        </message>
        <message>
            <source>Only a message marked “not sure” can be checked again.</source>
            <translation>Seul un message marqué « envoi non confirmé » peut être vérifié de nouveau.</translation>
        </message>
        <message>
            <source>Only a message marked “not sure” can be sent again this way.</source>
            <translation>Seul un message marqué « envoi non confirmé » peut être renvoyé de cette façon.</translation>
        </message>
        <message>
            <source>Only a message marked “not sure” can be marked as sent.</source>
            <translation>Seul un message marqué « envoi non confirmé » peut être marqué comme envoyé.</translation>
        </message>
        <message>
            <source>This message is being checked right now. Wait a moment, then try again.</source>
            <translation>Ce message est en cours de vérification. Patientez un instant, puis réessayez.</translation>
        </message>
        <message>
            <source>This message is being sent or checked right now. Wait a moment, then try again.</source>
            <translation>Ce message est en cours d'envoi ou de vérification. Patientez un instant, puis réessayez.</translation>
        </message>
        <message>
            <source>This message was already sent.</source>
            <translation>Ce message a déjà été envoyé.</translation>
        </message>
        <message>
            <source>This message is no longer in the outbox.</source>
            <translation>Ce message n'est plus dans la boîte d'envoi.</translation>
        </message>
        <message>
            <source>Checking again whether it arrived.</source>
            <translation>Nouvelle vérification de la réception en cours.</translation>
        </message>
        <message>
            <source>Sending was interrupted; checking whether it arrived.</source>
            <translation>L'envoi a été interrompu ; vérification de la réception en cours.</translation>
        </message>
        <message>
            <source>Waiting while the same message sent just before is being checked.</source>
            <translation>En attente : le même message, envoyé juste avant, est en cours de vérification.</translation>
        </message>
        <message>
            <source>Checking whether it arrived.</source>
            <translation>Vérification de la réception en cours.</translation>
        </message>
        <message>
            <source>Not sure this was sent. {reason}</source>
            <translation>Envoi non confirmé. {reason}</translation>
        </message>
        <message>
            <source>Unexpected error: {error}</source>
            <translation>Erreur inattendue : {error}</translation>
        </message>
        <message>
            <source>{reason} Checking whether it arrived.</source>
            <translation>{reason} Vérification de la réception en cours.</translation>
        </message>
        <message>
            <source>Something unexpected happened; checking whether it was sent.</source>
            <translation>Un problème inattendu est survenu ; vérification de l'envoi en cours.</translation>
        </message>
        <message>
            <source>The server did not confirm this new chat, and it has not appeared since. It may have been sent — check the chat list (or LinkedIn) before sending again.</source>
            <translation>Le serveur n'a pas confirmé cette nouvelle conversation, et elle n'est pas apparue depuis. Elle a peut-être été envoyée : vérifiez la liste des conversations (ou LinkedIn) avant de l'envoyer de nouveau.</translation>
        </message>
        <message numerus="yes">
            <source>Not sent after %n tries.</source>
            <translation>
                <numerusform>Non envoyé après %Ln tentative.</numerusform>
                <numerusform>Non envoyé après %Ln tentatives.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Not sent after %n tries. {reason}</source>
            <translation>
                <numerusform>Non envoyé après %Ln tentative. {reason}</numerusform>
                <numerusform>Non envoyé après %Ln tentatives. {reason}</numerusform>
            </translation>
        </message>
        <message>
            <source>Not sure this was sent. The check was refused: {reason}</source>
            <translation>Envoi non confirmé. La vérification a été refusée : {reason}</translation>
        </message>
        <message>
            <source>Could not check yet whether it was sent: {reason}</source>
            <translation>Impossible de vérifier pour l'instant si le message a été envoyé : {reason}</translation>
        </message>
        <message>
            <source>Could not check whether this was sent: {reason} Retry checks again.</source>
            <translation>Impossible de vérifier si ce message a été envoyé : {reason} « Réessayer » relance la vérification.</translation>
        </message>
        <message>
            <source>An identical message sent around the same time is not confirmed yet, and their copies cannot be told apart. Look at the chat, then choose.</source>
            <translation>Un message identique, envoyé à peu près au même moment, n'est pas encore confirmé, et il est impossible de distinguer leurs copies. Consultez la conversation, puis choisissez.</translation>
        </message>
        <message>
            <source>So many messages arrived in this chat since it was sent that the check could not see them all.</source>
            <translation>Tant de messages sont arrivés dans cette conversation depuis son envoi que la vérification n'a pas pu tous les examiner.</translation>
        </message>
        <message numerus="yes">
            <source>This text appears %n time(s) in the chat since you sent it: someone else on this account may have sent it too. Look at the chat, then choose.</source>
            <translation>
                <numerusform>Ce texte apparaît %Ln fois dans la conversation depuis votre envoi : quelqu'un d'autre sur ce compte l'a peut-être envoyé aussi. Consultez la conversation, puis choisissez.</numerusform>
                <numerusform>Ce texte apparaît %Ln fois dans la conversation depuis votre envoi : quelqu'un d'autre sur ce compte l'a peut-être envoyé aussi. Consultez la conversation, puis choisissez.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Outgoing</name>
        <message>
            <source>{size} MB</source>
            <translation>{size} Mo</translation>
        </message>
        <message>
            <source>“{name}” is not a file.</source>
            <translation>« {name} » n'est pas un fichier.</translation>
        </message>
        <message>
            <source>“{name}” cannot be read (no permission).</source>
            <translation>« {name} » ne peut pas être lu (autorisation refusée).</translation>
        </message>
        <message>
            <source>“{name}” is empty.</source>
            <translation>« {name} » est vide.</translation>
        </message>
        <message>
            <source>“{name}” is {size}; the limit is {limit}.</source>
            <translation>« {name} » fait {size} ; la limite est de {limit}.</translation>
        </message>
        <message>
            <source>“{name}” no longer exists.</source>
            <translation>« {name} » n'existe plus.</translation>
        </message>
        <message>
            <source>“{name}” cannot be read: {reason}.</source>
            <translation>« {name} » ne peut pas être lu : {reason}.</translation>
        </message>
    </context>
    <context>
        <name>ProfileFlows</name>
        <message>
            <source>Remove the profile “{name}”?

Whether messages are still waiting to be sent could not be checked.</source>
            <translation>Supprimer le profil « {name} » ?

Impossible de vérifier si des messages sont encore en attente d'envoi.</translation>
        </message>
        <message numerus="yes">
            <source>Remove the profile “{name}”?

This profile has %n unsent message(s). Removing the profile deletes them.</source>
            <translation>
                <numerusform>Supprimer le profil « {name} » ?

Ce profil a %Ln message non envoyé. Supprimer le profil le supprime aussi.</numerusform>
                <numerusform>Supprimer le profil « {name} » ?

Ce profil a %Ln messages non envoyés. Supprimer le profil les supprime aussi.</numerusform>
            </translation>
        </message>
        <message>
            <source>Remove the profile “{name}”?</source>
            <translation>Supprimer le profil « {name} » ?</translation>
        </message>
        <message>
            <source>Add a connection profile</source>
            <translation>Ajouter un profil de connexion</translation>
        </message>
        <message>
            <source>Remove profile</source>
            <translation>Supprimer le profil</translation>
        </message>
        <message>
            <source>Its API key is deleted from the keyring, and what this app keeps for it on this computer (cached chats, drafts, unsent messages) is deleted too. The chats stay on the Unipile server; you can add the profile again with the key from the Unipile dashboard.</source>
            <translation>Sa clé d'API est effacée du trousseau de clés, et ce que l'application conserve pour lui sur cet ordinateur (conversations en cache, brouillons, messages non envoyés) est également supprimé. Les conversations restent sur le serveur Unipile ; vous pourrez ajouter de nouveau le profil avec la clé du tableau de bord Unipile.</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Supprimer</translation>
        </message>
        <message>
            <source>Enter the API key</source>
            <translation>Saisissez la clé d'API</translation>
        </message>
        <message>
            <source>Unexpected error: {name}. Details are in the log.</source>
            <translation>Erreur inattendue : {name}. Les détails figurent dans le journal.</translation>
        </message>
        <message>
            <source>Unipile rejected the API key from {variable}. Enter the current key from the Unipile dashboard; it is used until you quit and never stored. Nothing you typed is lost.</source>
            <translation>Unipile a refusé la clé d'API fournie par {variable}. Saisissez la clé actuelle, disponible dans le tableau de bord Unipile ; elle sera utilisée jusqu'à ce que vous quittiez l'application et ne sera jamais enregistrée. Rien de ce que vous avez saisi n'est perdu.</translation>
        </message>
        <message>
            <source>There is no profile named “{name}”. See “{command} list”.</source>
            <translation>Il n'existe aucun profil nommé « {name} ». Voir « {command} list ».</translation>
        </message>
        <message>
            <source>The profile could not be saved</source>
            <translation>Le profil n'a pas pu être enregistré</translation>
        </message>
        <message>
            <source>The profile could not be opened</source>
            <translation>Le profil n'a pas pu être ouvert</translation>
        </message>
        <message>
            <source>The profile could not be removed</source>
            <translation>Le profil n'a pas pu être supprimé</translation>
        </message>
        <message>
            <source>No API key is stored for the profile “{name}”. Store it with: {command}</source>
            <translation>Aucune clé d'API n'est enregistrée pour le profil « {name} ». Enregistrez-la avec : {command}</translation>
        </message>
        <message>
            <source>The keyring holds no API key for the profile “{name}” (a key used for one session only is forgotten when the app quits). Enter the key from the Unipile dashboard.</source>
            <translation>Le trousseau de clés ne contient aucune clé d'API pour le profil « {name} » (une clé utilisée pour une seule session est oubliée à la fermeture de l'application). Saisissez la clé disponible dans le tableau de bord Unipile.</translation>
        </message>
        <message>
            <source>The API key of the profile “{name}” could not be read. {reason}</source>
            <translation>La clé d'API du profil « {name} » n'a pas pu être lue. {reason}</translation>
        </message>
        <message>
            <source>Enter the API key of the profile “{name}”. It is kept in memory until you quit {app}.</source>
            <translation>Saisissez la clé d'API du profil « {name} ». Elle est conservée en mémoire jusqu'à ce que vous quittiez {app}.</translation>
        </message>
    </context>
    <context>
        <name>ProfileValidation</name>
        <message>
            <source>The profile name is empty. Give the connection a short name, like “Support”.</source>
            <translation>Le nom du profil est vide. Donnez à la connexion un nom court, comme « Support ».</translation>
        </message>
        <message>
            <source>The profile name contains control characters (such as a line break or a tab).</source>
            <translation>Le nom du profil contient des caractères de contrôle (comme un saut de ligne ou une tabulation).</translation>
        </message>
        <message>
            <source>The API key is empty. Paste the key from the Unipile dashboard.</source>
            <translation>La clé d'API est vide. Collez la clé du tableau de bord Unipile.</translation>
        </message>
        <message>
            <source>The API key contains spaces or line breaks. Paste only the key itself.</source>
            <translation>La clé d'API contient des espaces ou des sauts de ligne. Collez uniquement la clé elle-même.</translation>
        </message>
        <message>
            <source>The profile name is too long ({length} characters); use at most {limit}.</source>
            <translation>Le nom du profil est trop long ({length} caractères) ; {limit} au maximum.</translation>
        </message>
    </context>
    <context>
        <name>ProfilesMenu</name>
        <message>
            <source>Open the &amp;demo</source>
            <translation>Ouvrir la &amp;démo</translation>
        </message>
        <message>
            <source>&amp;Profiles</source>
            <translation>&amp;Profils</translation>
        </message>
        <message>
            <source>&amp;Add profile…</source>
            <translation>&amp;Ajouter un profil…</translation>
        </message>
        <message>
            <source>&amp;Edit profile</source>
            <translation>&amp;Modifier un profil</translation>
        </message>
        <message>
            <source>&amp;Remove profile</source>
            <translation>&amp;Supprimer un profil</translation>
        </message>
        <message>
            <source>Sample data on this computer; no Unipile account needed</source>
            <translation>Données d'exemple sur cet ordinateur ; aucun compte Unipile nécessaire</translation>
        </message>
        <message>
            <source>No saved profiles</source>
            <translation>Aucun profil enregistré</translation>
        </message>
        <message>
            <source>Connect with the profile “{name}”</source>
            <translation>Se connecter avec le profil « {name} »</translation>
        </message>
    </context>
    <context>
        <name>Providers</name>
        <message>
            <source>Unknown</source>
            <translation>Inconnu</translation>
        </message>
    </context>
    <context>
        <name>QueueActions</name>
        <message>
            <source>Take the open chat out of Waiting until the customer writes again</source>
            <translation>Retirer la conversation ouverte de la vue En attente jusqu'à ce que le client écrive de nouveau</translation>
        </message>
        <message>
            <source>Bring the open chat back to Waiting</source>
            <translation>Remettre la conversation ouverte dans la vue En attente</translation>
        </message>
        <message>
            <source>Nobody is waiting for a reply.</source>
            <translation>Personne n'attend de réponse.</translation>
        </message>
        <message>
            <source>No unread chats.</source>
            <translation>Aucune conversation non lue.</translation>
        </message>
        <message>
            <source>No chats marked done.</source>
            <translation>Aucune conversation marquée comme traitée.</translation>
        </message>
        <message>
            <source>No snoozed chats.</source>
            <translation>Aucune conversation reportée.</translation>
        </message>
        <message>
            <source>Mark &amp;done</source>
            <translation>Marquer &amp;traité</translation>
        </message>
        <message>
            <source>&amp;Snooze</source>
            <translation>&amp;Reporter</translation>
        </message>
        <message>
            <source>&amp;Mute notifications</source>
            <translation>&amp;Mettre les notifications en sourdine</translation>
        </message>
        <message>
            <source>No notifications from this chat; it still counts in Waiting</source>
            <translation>Aucune notification pour cette conversation ; elle compte toujours dans la vue En attente</translation>
        </message>
        <message>
            <source>&amp;Chat</source>
            <translation>&amp;Conversation</translation>
        </message>
        <message>
            <source>Re&amp;open</source>
            <translation>R&amp;ouvrir</translation>
        </message>
    </context>
    <context>
        <name>QueueBar</name>
        <message>
            <source>Waiting</source>
            <translation>En attente</translation>
        </message>
        <message>
            <source>Unread</source>
            <translation>Non lus</translation>
        </message>
        <message>
            <source>All</source>
            <translation>Tous</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>Traités</translation>
        </message>
        <message>
            <source>Snoozed</source>
            <translation>Reportés</translation>
        </message>
        <message>
            <source>Chats where the customer wrote last, longest wait first (not done, not snoozed)</source>
            <translation>Conversations où le client a écrit en dernier, attente la plus longue en premier (ni traitées, ni reportées)</translation>
        </message>
        <message>
            <source>Chats with unread messages</source>
            <translation>Conversations avec des messages non lus</translation>
        </message>
        <message>
            <source>Every chat, newest activity first</source>
            <translation>Toutes les conversations, activité la plus récente en premier</translation>
        </message>
        <message>
            <source>Chats marked done (a new customer message brings them back)</source>
            <translation>Conversations marquées comme traitées (un nouveau message du client les fait revenir)</translation>
        </message>
        <message>
            <source>Chats snoozed until later</source>
            <translation>Conversations reportées à plus tard</translation>
        </message>
        <message numerus="yes">
            <source>%n chat(s)</source>
            <translation>
                <numerusform>%Ln conversation</numerusform>
                <numerusform>%Ln conversations</numerusform>
            </translation>
        </message>
        <message>
            <source>no chats</source>
            <translation>aucune conversation</translation>
        </message>
        <message>
            <source>{view}, {chats}</source>
            <translation>{view}, {chats}</translation>
        </message>
        <message>
            <source>Queue views</source>
            <translation>Vues de la file</translation>
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
            <translation>Aller à une conversation ou une commande</translation>
        </message>
        <message>
            <source>Go to a chat or command…</source>
            <translation>Aller à une conversation ou une commande…</translation>
        </message>
        <message>
            <source>Chat or command to go to</source>
            <translation>Conversation ou commande à ouvrir</translation>
        </message>
        <message>
            <source>Matching chats and commands</source>
            <translation>Conversations et commandes correspondantes</translation>
        </message>
        <message>
            <source>(unnamed chat)</source>
            <translation>(conversation sans nom)</translation>
        </message>
        <message>
            <source>Waiting</source>
            <translation>En attente</translation>
        </message>
        <message>
            <source>Command</source>
            <translation>Commande</translation>
        </message>
    </context>
    <context>
        <name>RecipientField</name>
        <message>
            <source>Type a name, or paste a provider id</source>
            <translation>Saisissez un nom ou collez un identifiant de fournisseur</translation>
        </message>
        <message>
            <source>Invitation pending</source>
            <translation>Invitation en attente</translation>
        </message>
        <message>
            <source>Add a recipient</source>
            <translation>Ajouter un destinataire</translation>
        </message>
        <message>
            <source>Matching people</source>
            <translation>Personnes correspondantes</translation>
        </message>
        <message>
            <source>Remove {name}</source>
            <translation>Retirer {name}</translation>
        </message>
        <message>
            <source>An invitation to connect is pending.</source>
            <translation>Une invitation à entrer en relation est en attente.</translation>
        </message>
        <message>
            <source>Add another…</source>
            <translation>Ajouter quelqu'un d'autre…</translation>
        </message>
        <message>
            <source>{error} You can still paste a provider id.</source>
            <translation>{error} Vous pouvez tout de même coller un identifiant de fournisseur.</translation>
        </message>
        <message>
            <source>Loading this account's contacts…</source>
            <translation>Chargement des contacts de ce compte…</translation>
        </message>
        <message>
            <source>Provider id {provider_id}, sent as-is (not among this account's contacts).</source>
            <translation>Identifiant de fournisseur {provider_id}, envoyé tel quel (absent des contacts de ce compte).</translation>
        </message>
        <message>
            <source>“{text}” was added as a provider id, as-is: the server checks it when you send.</source>
            <translation>« {text} » a été ajouté comme identifiant de fournisseur, tel quel : le serveur le vérifiera à l'envoi.</translation>
        </message>
        <message>
            <source>No contact matches. Press Enter to add “{text}” as a provider id (sent as-is).</source>
            <translation>Aucun contact ne correspond. Appuyez sur Entrée pour ajouter « {text} » comme identifiant de fournisseur (envoyé tel quel).</translation>
        </message>
        <message>
            <source>No contact matches “{text}”. Paste the person's provider id instead.</source>
            <translation>Aucun contact ne correspond à « {text} ». Collez plutôt l'identifiant de fournisseur de la personne.</translation>
        </message>
    </context>
    <context>
        <name>Reply</name>
        <message>
            <source>The message this replies to no longer exists, so it was not sent. Your text is kept: send it without the quote, edit it or discard it.</source>
            <translation>Le message auquel vous répondez n'existe plus : votre réponse n'a donc pas été envoyée. Votre texte est conservé : envoyez-le sans la citation, modifiez-le ou abandonnez-le.</translation>
        </message>
        <message>
            <source>Send without the quote</source>
            <translation>Envoyer sans la citation</translation>
        </message>
        <message>
            <source>↩ Reply</source>
            <translation>↩ Répondre</translation>
        </message>
        <message>
            <source>Reply to this message</source>
            <translation>Répondre à ce message</translation>
        </message>
        <message>
            <source>Select a message to reply to.</source>
            <translation>Sélectionnez un message auquel répondre.</translation>
        </message>
        <message>
            <source>Cancel the reply (Esc)</source>
            <translation>Annuler la réponse (Échap)</translation>
        </message>
        <message>
            <source>Cancel the reply</source>
            <translation>Annuler la réponse</translation>
        </message>
        <message>
            <source>a message</source>
            <translation>un message</translation>
        </message>
        <message>
            <source>Replying to {name}</source>
            <translation>En réponse à {name}</translation>
        </message>
        <message>
            <source>You</source>
            <translation>Vous</translation>
        </message>
        <message>
            <source>Photo</source>
            <translation>Photo</translation>
        </message>
        <message>
            <source>Attachment</source>
            <translation>Pièce jointe</translation>
        </message>
        <message>
            <source>Reply</source>
            <translation>Répondre</translation>
        </message>
    </context>
    <context>
        <name>RequestGate</name>
        <message>
            <source>The server asked to slow down.</source>
            <translation>Le serveur a demandé de ralentir.</translation>
        </message>
    </context>
    <context>
        <name>ResponseLimits</name>
        <message>
            <source>The file was larger than {size}; it was not read.</source>
            <translation>Le fichier dépassait {size} ; il n'a pas été lu.</translation>
        </message>
        <message>
            <source>The server's answer was larger than {size}; it was not read.</source>
            <translation>La réponse du serveur dépassait {size} ; elle n'a pas été lue.</translation>
        </message>
        <message>
            <source>{size} bytes</source>
            <translation>{size} octets</translation>
        </message>
        <message>
            <source>{size} MB</source>
            <translation>{size} Mo</translation>
        </message>
        <message>
            <source>{size} KB</source>
            <translation>{size} Ko</translation>
        </message>
    </context>
    <context>
        <name>Search</name>
        <message>
            <source>You</source>
            <translation>Vous</translation>
        </message>
        <message>
            <source>Someone</source>
            <translation>Quelqu'un</translation>
        </message>
        <message>
            <source>Messages on this computer: {chats}, {messages}</source>
            <translation>Messages sur cet ordinateur : {chats}, {messages}</translation>
        </message>
        <message numerus="yes">
            <source>%n chat(s)</source>
            <translation>
                <numerusform>%Ln conversation</numerusform>
                <numerusform>%Ln conversations</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n message(s)</source>
            <translation>
                <numerusform>%Ln message</numerusform>
                <numerusform>%Ln messages</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SearchDialog</name>
        <message>
            <source>Type words to find in the messages on this computer. Use quotes for an exact phrase.</source>
            <translation>Saisissez les mots à rechercher dans les messages de cet ordinateur. Utilisez des guillemets pour une expression exacte.</translation>
        </message>
        <message>
            <source>No message on this computer matches.</source>
            <translation>Aucun message de cet ordinateur ne correspond.</translation>
        </message>
        <message>
            <source>Preparing older messages for search: {indexed} of {total}. Results may be incomplete until then.</source>
            <translation>Préparation des anciens messages pour la recherche : {indexed} sur {total}. D'ici là, les résultats peuvent être incomplets.</translation>
        </message>
        <message>
            <source>Search messages</source>
            <translation>Rechercher dans les messages</translation>
        </message>
        <message>
            <source>Search messages on this computer</source>
            <translation>Rechercher dans les messages de cet ordinateur</translation>
        </message>
        <message>
            <source>Search results</source>
            <translation>Résultats de la recherche</translation>
        </message>
        <message>
            <source>Private note</source>
            <translation>Note privée</translation>
        </message>
        <message>
            <source>{sender} in {chat}, {account}, {when}: {message}</source>
            <translation>{sender} dans {chat}, {account}, {when} : {message}</translation>
        </message>
        <message>
            <source>{sender} in {chat}, {when}: {message}</source>
            <translation>{sender} dans {chat}, {when} : {message}</translation>
        </message>
        <message numerus="yes">
            <source>%n message(s), newest first</source>
            <translation>
                <numerusform>%Ln message, du plus récent au plus ancien</numerusform>
                <numerusform>%Ln messages, du plus récent au plus ancien</numerusform>
            </translation>
        </message>
        <message>
            <source>1 message</source>
            <translation>1 message</translation>
        </message>
        <message>
            <source>The search could not run. {reason}</source>
            <translation>La recherche n'a pas pu être effectuée. {reason}</translation>
        </message>
        <message>
            <source>Someone</source>
            <translation>Quelqu'un</translation>
        </message>
        <message>
            <source>A chat</source>
            <translation>Une conversation</translation>
        </message>
        <message>
            <source>about {name}</source>
            <translation>à propos de {name}</translation>
        </message>
    </context>
    <context>
        <name>SecretField</name>
        <message>
            <source>Show</source>
            <translation>Afficher</translation>
        </message>
        <message>
            <source>Hide</source>
            <translation>Masquer</translation>
        </message>
        <message>
            <source>API key</source>
            <translation>Clé d'API</translation>
        </message>
        <message>
            <source>Show or hide the API key</source>
            <translation>Afficher ou masquer la clé d'API</translation>
        </message>
    </context>
    <context>
        <name>SentInvitations</name>
        <message>
            <source>No invitations are waiting for an answer on this account.</source>
            <translation>Aucune invitation de ce compte n'attend de réponse.</translation>
        </message>
        <message>
            <source>Loading the invitations this account sent…</source>
            <translation>Chargement des invitations envoyées par ce compte…</translation>
        </message>
        <message>
            <source>The sent invitations could not be loaded.</source>
            <translation>Les invitations envoyées n'ont pas pu être chargées.</translation>
        </message>
        <message>
            <source>Someone</source>
            <translation>Quelqu'un</translation>
        </message>
        <message>
            <source>Sent yesterday</source>
            <translation>Envoyée hier</translation>
        </message>
        <message>
            <source>Sent {date}</source>
            <translation>Envoyée le {date}</translation>
        </message>
        <message>
            <source>Withdrawing…</source>
            <translation>Retrait en cours…</translation>
        </message>
        <message>
            <source>No note</source>
            <translation>Aucune note</translation>
        </message>
        <message>
            <source>Dismiss</source>
            <translation>Ignorer</translation>
        </message>
        <message>
            <source>Dismiss error</source>
            <translation>Ignorer l'erreur</translation>
        </message>
        <message>
            <source>Invitations to connect sent from this account that wait for an answer, newest first.</source>
            <translation>Invitations à entrer en relation envoyées depuis ce compte et en attente de réponse, les plus récentes en premier.</translation>
        </message>
        <message>
            <source>Sent invitations</source>
            <translation>Invitations envoyées</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>Actualiser</translation>
        </message>
        <message>
            <source>Load the list again from the server</source>
            <translation>Recharger la liste depuis le serveur</translation>
        </message>
        <message>
            <source>Load more</source>
            <translation>Charger plus</translation>
        </message>
        <message>
            <source>Load older invitations</source>
            <translation>Charger les invitations plus anciennes</translation>
        </message>
        <message>
            <source>Withdraw…</source>
            <translation>Retirer…</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Fermer</translation>
        </message>
        <message>
            <source>Withdraw invitation</source>
            <translation>Retirer l'invitation</translation>
        </message>
        <message>
            <source>LinkedIn may not let you invite them again for up to three weeks.</source>
            <translation>LinkedIn peut vous empêcher d'inviter de nouveau cette personne pendant trois semaines au maximum.</translation>
        </message>
        <message>
            <source>Withdraw</source>
            <translation>Retirer</translation>
        </message>
        <message>
            <source>Sent today, {time}</source>
            <translation>Envoyée aujourd'hui à {time}</translation>
        </message>
        <message>
            <source>no note</source>
            <translation>aucune note</translation>
        </message>
        <message>
            <source>{name}, {when}, {note}, withdrawing</source>
            <translation>{name}, {when}, {note}, retrait en cours</translation>
        </message>
        <message>
            <source>{name}, {when}, {note}</source>
            <translation>{name}, {when}, {note}</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>Chargement…</translation>
        </message>
        <message>
            <source>Select an invitation first</source>
            <translation>Sélectionnez d'abord une invitation</translation>
        </message>
        <message>
            <source>“{note}”</source>
            <translation>« {note} »</translation>
        </message>
        <message>
            <source>Sent invitations — {account}</source>
            <translation>Invitations envoyées — {account}</translation>
        </message>
        <message>
            <source>Withdraw the invitation to {name}?</source>
            <translation>Retirer l'invitation envoyée à {name} ?</translation>
        </message>
        <message>
            <source>note: {note}</source>
            <translation>note : {note}</translation>
        </message>
        <message>
            <source>Note: {note}</source>
            <translation>Note : {note}</translation>
        </message>
        <message>
            <source>Withdraw the invitation to {name}</source>
            <translation>Retirer l'invitation envoyée à {name}</translation>
        </message>
    </context>
    <context>
        <name>Session</name>
        <message>
            <source>Demo data on this computer</source>
            <translation>Données de démo sur cet ordinateur</translation>
        </message>
        <message>
            <source>made up for the demo; not stored</source>
            <translation>fictive, pour la démo ; non enregistrée</translation>
        </message>
        <message>
            <source>in memory for this session only; never written to disk</source>
            <translation>en mémoire pour cette session uniquement ; jamais écrite sur le disque</translation>
        </message>
        <message>
            <source>Profile “{name}”</source>
            <translation>Profil « {name} »</translation>
        </message>
        <message>
            <source>From the environment ({variable})</source>
            <translation>Depuis l'environnement ({variable})</translation>
        </message>
        <message>
            <source>in the system keyring ({backend})</source>
            <translation>dans le trousseau de clés du système ({backend})</translation>
        </message>
        <message>
            <source>from {variable}; not stored by the app</source>
            <translation>depuis {variable} ; non enregistrée par l'application</translation>
        </message>
    </context>
    <context>
        <name>SettingsFile</name>
        <message>
            <source>The settings file {path} could not be used because {reason}. It was kept as {backup} and the app starts with no profiles.</source>
            <translation>Le fichier de paramètres {path} n'a pas pu être utilisé, car {reason}. Il a été conservé sous {backup} et l'application démarre sans profil.</translation>
        </message>
        <message>
            <source>it does not hold a settings object</source>
            <translation>il ne contient pas d'objet de paramètres</translation>
        </message>
        <message>
            <source>its “profiles” entry is not a list</source>
            <translation>son entrée « profiles » n'est pas une liste</translation>
        </message>
        <message>
            <source>its “last_profile” entry is not a name</source>
            <translation>son entrée « last_profile » n'est pas un nom</translation>
        </message>
        <message>
            <source>There is no profile named “{name}”.</source>
            <translation>Il n'existe aucun profil nommé « {name} ».</translation>
        </message>
        <message>
            <source>it could not be read ({error})</source>
            <translation>il n'a pas pu être lu ({error})</translation>
        </message>
        <message>
            <source>it is not valid JSON (line {line}, column {column})</source>
            <translation>ce n'est pas du JSON valide (ligne {line}, colonne {column})</translation>
        </message>
        <message>
            <source>The settings file {path} could not be used because {reason}, and it could not be moved aside ({error}). The app starts with no profiles and will not overwrite that file; fix or remove it, then restart.</source>
            <translation>Le fichier de paramètres {path} n'a pas pu être utilisé, car {reason}, et il n'a pas pu être mis de côté ({error}). L'application démarre sans profil et n'écrasera pas ce fichier ; corrigez-le ou supprimez-le, puis redémarrez.</translation>
        </message>
        <message>
            <source>The settings file {path} could not be saved ({error}). Check that the folder exists and is writable.</source>
            <translation>Le fichier de paramètres {path} n'a pas pu être enregistré ({error}). Vérifiez que le dossier existe et qu'il est accessible en écriture.</translation>
        </message>
        <message>
            <source>profile number {position} is invalid: {error}</source>
            <translation>le profil numéro {position} n'est pas valide : {error}</translation>
        </message>
        <message>
            <source>A profile named “{name}” already exists. Choose another name or edit that profile.</source>
            <translation>Un profil nommé « {name} » existe déjà. Choisissez un autre nom ou modifiez ce profil.</translation>
        </message>
        <message>
            <source>it is not UTF-8 text</source>
            <translation>ce n'est pas du texte UTF-8</translation>
        </message>
        <message>
            <source>it was written by a newer version of the app (format {version})</source>
            <translation>il a été écrit par une version plus récente de l'application (format {version})</translation>
        </message>
        <message>
            <source>“{id}” cannot be used as a profile id.</source>
            <translation>« {id} » ne peut pas servir d'identifiant de profil.</translation>
        </message>
        <message>
            <source>profile number {position} is not an object</source>
            <translation>le profil numéro {position} n'est pas un objet</translation>
        </message>
        <message>
            <source>profile number {position} lacks a name or a DSN</source>
            <translation>il manque un nom ou un DSN au profil numéro {position}</translation>
        </message>
        <message>
            <source>profile number {position} has an unusable id</source>
            <translation>le profil numéro {position} a un identifiant inutilisable</translation>
        </message>
        <message>
            <source>the profile name “{name}” appears twice</source>
            <translation>le nom de profil « {name} » apparaît deux fois</translation>
        </message>
        <message>
            <source>the profile id {id} appears twice</source>
            <translation>l'identifiant de profil {id} apparaît deux fois</translation>
        </message>
        <message>
            <source>Another profile already has the id {id}.</source>
            <translation>Un autre profil a déjà l'identifiant {id}.</translation>
        </message>
    </context>
    <context>
        <name>Shortcuts</name>
        <message>
            <source>Chats</source>
            <translation>Conversations</translation>
        </message>
        <message>
            <source>Conversation</source>
            <translation>Conversation</translation>
        </message>
        <message>
            <source>Find</source>
            <translation>Recherche</translation>
        </message>
        <message>
            <source>Application</source>
            <translation>Application</translation>
        </message>
        <message>
            <source>New chat</source>
            <translation>Nouvelle conversation</translation>
        </message>
        <message>
            <source>Go to a chat or command</source>
            <translation>Aller à une conversation ou une commande</translation>
        </message>
        <message>
            <source>Previous chat in the list</source>
            <translation>Conversation précédente dans la liste</translation>
        </message>
        <message>
            <source>Next chat in the list</source>
            <translation>Conversation suivante dans la liste</translation>
        </message>
        <message>
            <source>Next waiting chat (longest wait first)</source>
            <translation>Conversation en attente suivante (attente la plus longue en premier)</translation>
        </message>
        <message>
            <source>Mark done</source>
            <translation>Marquer comme traité</translation>
        </message>
        <message>
            <source>Mark unread</source>
            <translation>Marquer comme non lu</translation>
        </message>
        <message>
            <source>Back to the chat list</source>
            <translation>Retour à la liste des conversations</translation>
        </message>
        <message>
            <source>Insert a canned reply (or type / at the start of a line)</source>
            <translation>Insérer une réponse type (ou tapez / en début de ligne)</translation>
        </message>
        <message>
            <source>Reply to the selected message (or the newest from the customer)</source>
            <translation>Répondre au message sélectionné (ou au plus récent du client)</translation>
        </message>
        <message>
            <source>Show or hide the customer's card</source>
            <translation>Afficher ou masquer la fiche client</translation>
        </message>
        <message>
            <source>Send</source>
            <translation>Envoyer</translation>
        </message>
        <message>
            <source>New line in the message</source>
            <translation>Nouvelle ligne dans le message</translation>
        </message>
        <message>
            <source>Filter the chat list</source>
            <translation>Filtrer la liste des conversations</translation>
        </message>
        <message>
            <source>Search messages on this computer</source>
            <translation>Rechercher dans les messages de cet ordinateur</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>Actualiser</translation>
        </message>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>Raccourcis clavier</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>Quitter</translation>
        </message>
        <message>
            <source>{action} ({keys})</source>
            <translation>{action} ({keys})</translation>
        </message>
        <message>
            <source>{keys} or {key}</source>
            <translation>{keys} ou {key}</translation>
        </message>
    </context>
    <context>
        <name>SnoozeDialog</name>
        <message>
            <source>Choose a time…</source>
            <translation>Choisir une heure…</translation>
        </message>
        <message>
            <source>1 hour</source>
            <translation>1 heure</translation>
        </message>
        <message>
            <source>Tomorrow 9:00</source>
            <translation>Demain à 9:00</translation>
        </message>
        <message>
            <source>Next Monday 9:00</source>
            <translation>Lundi prochain à 9:00</translation>
        </message>
        <message>
            <source>d MMM</source>
            <comment>date format</comment>
            <translation>d MMM</translation>
        </message>
        <message>
            <source>ddd d MMM yyyy</source>
            <comment>date format</comment>
            <translation>ddd d MMM yyyy</translation>
        </message>
        <message>
            <source>{date} {time}</source>
            <translation>{date} à {time}</translation>
        </message>
        <message>
            <source>Snooze until</source>
            <translation>Reporter jusqu'à</translation>
        </message>
        <message>
            <source>Snooze</source>
            <translation>Reporter</translation>
        </message>
        <message>
            <source>tomorrow {time}</source>
            <translation>demain à {time}</translation>
        </message>
        <message>
            <source>{weekday} {time}</source>
            <translation>{weekday} à {time}</translation>
        </message>
        <message>
            <source>Bring this chat back to Waiting at:</source>
            <translation>Remettre cette conversation en attente le :</translation>
        </message>
        <message>
            <source>Choose a time in the future.</source>
            <translation>Choisissez une date et une heure à venir.</translation>
        </message>
        <message>
            <source>Bring “{chat}” back at:</source>
            <translation>Remettre « {chat} » en attente le :</translation>
        </message>
    </context>
    <context>
        <name>SpokenRow</name>
        <message>
            <source>Chat</source>
            <translation>Conversation</translation>
        </message>
        <message>
            <source>InMail</source>
            <translation>InMail</translation>
        </message>
        <message numerus="yes">
            <source>%n unread</source>
            <translation>
                <numerusform>%Ln non lu</numerusform>
                <numerusform>%Ln non lus</numerusform>
            </translation>
        </message>
        <message>
            <source>{row}: {preview}</source>
            <translation>{row} : {preview}</translation>
        </message>
        <message>
            <source>labels {labels}</source>
            <translation>étiquettes {labels}</translation>
        </message>
    </context>
    <context>
        <name>Sync</name>
        <message>
            <source>Unexpected error: {error}</source>
            <translation>Erreur inattendue : {error}</translation>
        </message>
    </context>
    <context>
        <name>SyncIndicator</name>
        <message>
            <source>Connection status</source>
            <translation>État de la connexion</translation>
        </message>
    </context>
    <context>
        <name>Tasks</name>
        <message>
            <source>Unexpected error: {name}. Details are in the log.</source>
            <translation>Erreur inattendue : {name}. Les détails figurent dans le journal.</translation>
        </message>
    </context>
    <context>
        <name>ThemeMenu</name>
        <message>
            <source>&amp;System</source>
            <translation>&amp;Système</translation>
        </message>
        <message>
            <source>&amp;Light</source>
            <translation>&amp;Clair</translation>
        </message>
        <message>
            <source>&amp;Dark</source>
            <translation>S&amp;ombre</translation>
        </message>
        <message>
            <source>Follow the system's light or dark setting</source>
            <translation>Suivre le réglage clair ou sombre du système</translation>
        </message>
        <message>
            <source>Light colours</source>
            <translation>Couleurs claires</translation>
        </message>
        <message>
            <source>Dark colours</source>
            <translation>Couleurs sombres</translation>
        </message>
    </context>
    <context>
        <name>Tray</name>
        <message>
            <source>{app} keeps running here, so new messages still reach you. Quit from this icon's menu.</source>
            <translation>{app} continue de fonctionner ici : les nouveaux messages vous parviennent toujours. Pour quitter, utilisez le menu de cette icône.</translation>
        </message>
        <message>
            <source>{app} — nothing waiting</source>
            <translation>{app} — personne en attente</translation>
        </message>
        <message>
            <source>{count}+</source>
            <comment>more than this many</comment>
            <translation>{count}+</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Ouvrir</translation>
        </message>
        <message>
            <source>Do not disturb</source>
            <translation>Ne pas déranger</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>Quitter</translation>
        </message>
        <message numerus="yes">
            <source>{app} — %n waiting</source>
            <translation>
                <numerusform>{app} — %Ln en attente</numerusform>
                <numerusform>{app} — %Ln en attente</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>WaitingQueue</name>
        <message>
            <source>waiting &lt;1 min</source>
            <translation>en attente depuis moins d'1 min</translation>
        </message>
        <message>
            <source>waiting {days} d</source>
            <translation>en attente depuis {days} j</translation>
        </message>
        <message>
            <source>waiting {minutes} min</source>
            <translation>en attente depuis {minutes} min</translation>
        </message>
        <message>
            <source>waiting {hours} h {minutes} min</source>
            <translation>en attente depuis {hours} h {minutes} min</translation>
        </message>
        <message>
            <source>waiting {hours} h</source>
            <translation>en attente depuis {hours} h</translation>
        </message>
    </context>
    <context>
        <name>WholeMessage</name>
        <message>
            <source>Lines longer than {count} characters are shown on several lines. Copy all copies the message exactly as written.</source>
            <translation>Les lignes de plus de {count} caractères sont affichées sur plusieurs lignes. « Tout copier » copie le message exactement tel qu'il a été écrit.</translation>
        </message>
        <message>
            <source>You</source>
            <translation>Vous</translation>
        </message>
        <message>
            <source>Message text</source>
            <translation>Texte du message</translation>
        </message>
        <message>
            <source>Copy all</source>
            <translation>Tout copier</translation>
        </message>
        <message>
            <source>Message</source>
            <translation>Message</translation>
        </message>
    </context>
    <context>
        <name>WindowActions</name>
        <message>
            <source>Nobody else is waiting for a reply.</source>
            <translation>Personne d'autre n'attend de réponse.</translation>
        </message>
        <message>
            <source>&amp;New chat…</source>
            <translation>&amp;Nouvelle conversation…</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Quitter</translation>
        </message>
        <message>
            <source>&amp;Refresh</source>
            <translation>&amp;Actualiser</translation>
        </message>
        <message>
            <source>&amp;Filter chats</source>
            <translation>&amp;Filtrer les conversations</translation>
        </message>
        <message>
            <source>Mark chats as read when &amp;opened</source>
            <translation>Marquer les conversations comme lues à l'&amp;ouverture</translation>
        </message>
        <message>
            <source>When off (the default), opening a chat does not tell the customer it was read.</source>
            <translation>Lorsque cette option est désactivée (par défaut), ouvrir une conversation n'indique pas au client qu'elle a été lue.</translation>
        </message>
        <message>
            <source>&amp;Notifications and queue…</source>
            <translation>&amp;Notifications et file d'attente…</translation>
        </message>
        <message>
            <source>&amp;Go to a chat or command…</source>
            <translation>&amp;Aller à une conversation ou une commande…</translation>
        </message>
        <message>
            <source>&amp;Search messages…</source>
            <translation>&amp;Rechercher dans les messages…</translation>
        </message>
        <message>
            <source>Insert a &amp;canned reply…</source>
            <translation>&amp;Insérer une réponse type…</translation>
        </message>
        <message>
            <source>&amp;Canned replies…</source>
            <translation>Ré&amp;ponses types…</translation>
        </message>
        <message>
            <source>Create, edit, reorder, import and export the prepared answers</source>
            <translation>Créer, modifier, réordonner, importer et exporter les réponses préparées</translation>
        </message>
        <message>
            <source>Download &amp;whole history</source>
            <translation>Télécharger tout l'&amp;historique</translation>
        </message>
        <message>
            <source>Cache every message of the open chat on this computer, so that search finds them</source>
            <translation>Enregistrer tous les messages de la conversation ouverte sur cet ordinateur, pour que la recherche les trouve</translation>
        </message>
        <message>
            <source>Customer &amp;card</source>
            <translation>Fiche &amp;client</translation>
        </message>
        <message>
            <source>Who the customer is: profile, other conversations, private notes, labels</source>
            <translation>Qui est le client : profil, autres conversations, notes privées, étiquettes</translation>
        </message>
        <message>
            <source>&amp;Keyboard shortcuts</source>
            <translation>&amp;Raccourcis clavier</translation>
        </message>
        <message>
            <source>Mark &amp;unread</source>
            <translation>Marquer comme &amp;non lu</translation>
        </message>
        <message>
            <source>&amp;Reply to the message</source>
            <translation>Ré&amp;pondre au message</translation>
        </message>
        <message>
            <source>&amp;Previous chat</source>
            <translation>Conversation &amp;précédente</translation>
        </message>
        <message>
            <source>&amp;Next chat</source>
            <translation>Conversation &amp;suivante</translation>
        </message>
        <message>
            <source>Next &amp;waiting chat</source>
            <translation>Conversation en a&amp;ttente suivante</translation>
        </message>
        <message>
            <source>&amp;Back to the chat list</source>
            <translation>&amp;Retour à la liste des conversations</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Fichier</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;Affichage</translation>
        </message>
        <message>
            <source>&amp;Theme</source>
            <translation>&amp;Thème</translation>
        </message>
        <message>
            <source>&amp;Language</source>
            <translation>&amp;Langue</translation>
        </message>
        <message>
            <source>&amp;Go</source>
            <translation>A&amp;ller</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>Aid&amp;e</translation>
        </message>
        <message>
            <source>&amp;About {app}</source>
            <translation>À &amp;propos de {app}</translation>
        </message>
    </context>
    <context>
        <name>Workbench</name>
        <message>
            <source>Snooze: {choice}</source>
            <translation>Reporter : {choice}</translation>
        </message>
        <message numerus="yes">
            <source>History download stopped; %n message(s) kept.</source>
            <translation>
                <numerusform>Téléchargement de l'historique arrêté ; %Ln message conservé.</numerusform>
                <numerusform>Téléchargement de l'historique arrêté ; %Ln messages conservés.</numerusform>
            </translation>
        </message>
        <message>
            <source>New chat</source>
            <translation>Nouvelle conversation</translation>
        </message>
        <message>
            <source>Mark done</source>
            <translation>Marquer comme traité</translation>
        </message>
        <message>
            <source>Next waiting chat</source>
            <translation>Conversation en attente suivante</translation>
        </message>
        <message>
            <source>Search messages</source>
            <translation>Rechercher dans les messages</translation>
        </message>
        <message>
            <source>Insert a canned reply</source>
            <translation>Insérer une réponse type</translation>
        </message>
        <message>
            <source>Canned replies</source>
            <translation>Réponses types</translation>
        </message>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>Raccourcis clavier</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>Actualiser</translation>
        </message>
        <message>
            <source>Do not disturb</source>
            <translation>Ne pas déranger</translation>
        </message>
        <message>
            <source>Open a chat to insert a canned reply.</source>
            <translation>Ouvrez une conversation pour insérer une réponse type.</translation>
        </message>
        <message>
            <source>That chat is no longer on this computer.</source>
            <translation>Cette conversation n'est plus sur cet ordinateur.</translation>
        </message>
        <message>
            <source>Cancel history download</source>
            <translation>Annuler le téléchargement de l'historique</translation>
        </message>
        <message>
            <source>Download &amp;whole history</source>
            <translation>Télécharger tout l'&amp;historique</translation>
        </message>
        <message numerus="yes">
            <source>Downloading the history of a chat: %n message(s)…</source>
            <translation>
                <numerusform>Téléchargement de l'historique d'une conversation : %Ln message…</numerusform>
                <numerusform>Téléchargement de l'historique d'une conversation : %Ln messages…</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>The whole history of the chat is on this computer (%n message(s)): search finds it now.</source>
            <translation>
                <numerusform>Tout l'historique de la conversation est sur cet ordinateur (%Ln message) : la recherche le trouve désormais.</numerusform>
                <numerusform>Tout l'historique de la conversation est sur cet ordinateur (%Ln messages) : la recherche le trouve désormais.</numerusform>
            </translation>
        </message>
        <message>
            <source>Do not disturb (on / off)</source>
            <translation>Ne pas déranger (activer / désactiver)</translation>
        </message>
        <message>
            <source>Downloading the whole history of this chat…</source>
            <translation>Téléchargement de tout l'historique de cette conversation…</translation>
        </message>
        <message numerus="yes">
            <source>Downloading the history of {title}: %n message(s)…</source>
            <translation>
                <numerusform>Téléchargement de l'historique de {title} : %Ln message…</numerusform>
                <numerusform>Téléchargement de l'historique de {title} : %Ln messages…</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>The whole history of {title} is on this computer (%n message(s)): search finds it now.</source>
            <translation>
                <numerusform>Tout l'historique de {title} est sur cet ordinateur (%Ln message) : la recherche le trouve désormais.</numerusform>
                <numerusform>Tout l'historique de {title} est sur cet ordinateur (%Ln messages) : la recherche le trouve désormais.</numerusform>
            </translation>
        </message>
        <message>
            <source>Downloading the whole history of {title}…</source>
            <translation>Téléchargement de tout l'historique de {title}…</translation>
        </message>
    </context>
</TS>
