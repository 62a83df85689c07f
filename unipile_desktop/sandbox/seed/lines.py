"""What the demo people say: message lines by conversation kind, language and role."""

from __future__ import annotations

# Lines by conversation kind, language and role. `{first}` is the other side's first name, `{order}` an order number.
LINES: dict[str, dict[str, dict[str, list[str]]]] = {
    "support": {
        "en": {
            "them": [
                "Hi! I ordered a backpack last week and it still hasn't shipped. Order #{order}.",
                "Any update on my order?",
                "Thanks a lot 🙏",
                "The tracking page says 'label created' since Monday 🤔",
                "Can I still change the delivery address?",
                "I was charged twice for the same order 😕",
                "Do you ship to Canada?",
                "Perfect, thank you!",
                "It arrived today, all good 👍",
                "Could you send me the invoice as a PDF?",
                "The zipper broke after two days…",
                "Is there a discount for teams of 10 or more?",
                "Ok 👌",
                "What are your opening hours on Saturday?",
                "Great service as always 😊",
            ],
            "us": [
                "Hi {first}, thanks for reaching out! Let me check that for you.",
                "Your order #{order} left our warehouse this morning 📦",
                "I've refunded the duplicate charge; it should show up within 3–5 business days.",
                "Sure, I'll send the invoice right away.",
                "Could you send me a photo of the damaged item?",
                "Yes, we ship to Canada — delivery takes 5 to 8 days.",
                "You're welcome! Have a great day ☀️",
                "Done, the address on your order is updated.",
                "Our team is on it, I'll get back to you before 5pm.",
                "We're open 10am–6pm on Saturdays.",
            ],
        },
        "fr": {
            "them": [
                "Bonjour, ma commande #{order} n'est toujours pas arrivée.",
                "Merci beaucoup !",
                "Est-ce que je peux échanger la taille ?",
                "Le colis est arrivé abîmé 😞",
                "D'accord, merci pour votre réactivité 🙂",
                "Vous livrez en Belgique ?",
                "J'ai bien reçu le remboursement, merci.",
                "À quelle heure passe le livreur ?",
            ],
            "us": [
                "Bonjour {first}, je regarde ça tout de suite.",
                "C'est noté, je vous envoie une étiquette de retour.",
                "Votre remboursement a été validé ✅",
                "Avec plaisir, bonne journée !",
                "Le transporteur passe entre 9h et 13h.",
                "Oui, nous livrons en Belgique en 48 h.",
            ],
        },
        "es": {
            "them": [
                "Hola, ¿cuándo llega mi pedido #{order}?",
                "¡Muchas gracias!",
                "¿Puedo pagar con transferencia?",
                "El producto llegó dañado 😢",
                "Vale, perfecto 👍",
                "¿Tenéis la talla M en azul?",
                "Sigo sin recibir el correo de confirmación.",
                "Genial, ya lo tengo.",
                "¿Hacéis envíos a Canarias?",
                "Una pregunta más: ¿la garantía es de dos años?",
            ],
            "us": [
                "¡Hola {first}! Lo reviso ahora mismo.",
                "Tu pedido sale mañana por la mañana 🚚",
                "Te he reenviado la factura por correo.",
                "¡De nada, que tengas un buen día!",
                "Sí, la garantía es de dos años.",
                "Hacemos envíos a Canarias, tarda unos 5 días.",
                "Acabo de reenviar la confirmación, revisa la carpeta de spam.",
            ],
        },
        "de": {
            "them": [
                "Hallo, wann wird meine Bestellung #{order} geliefert?",
                "Vielen Dank für die schnelle Antwort!",
                "Kann ich die Rechnung auf meine Firma ausstellen lassen?",
                "Alles klar, danke 🙂",
                "Die Größe passt leider nicht.",
            ],
            "us": [
                "Hallo {first}, ich schaue sofort nach.",
                "Die Rechnung ist unterwegs 📄",
                "Gern geschehen!",
                "Kein Problem, ich schicke Ihnen ein Rücksendeetikett.",
            ],
        },
        "ar": {
            "them": [
                "مرحباً، متى سيصل طلبي رقم {order}؟",
                "شكراً جزيلاً 🙏",
                "هل يمكنني تغيير عنوان التوصيل؟",
                "رقم الطلب: #{order} (order number)",
                "تمام، وصل الطلب اليوم 👍",
            ],
            "us": [
                "مرحباً {first}، سأتحقق من ذلك الآن.",
                "تم شحن طلبك اليوم 📦",
                "بكل سرور! يوم سعيد",
            ],
        },
        "he": {
            "them": [
                "שלום, מתי ההזמנה שלי {order} תגיע?",
                "תודה רבה!",
                "אפשר לקבל חשבונית?",
                "מעולה, קיבלתי 👍",
            ],
            "us": [
                "שלום {first}, אני בודק את זה עכשיו.",
                "ההזמנה נשלחה היום 📦",
                "בשמחה!",
            ],
        },
        "zh": {
            "them": [
                "你好，我的订单{order}什么时候发货？",
                "谢谢！",
                "可以开发票吗？",
                "好的，收到了 👍",
                "日志文件已发给你了。",
            ],
            "us": [
                "您好{first}，我马上帮您查一下。",
                "您的订单今天已经发货了 📦",
                "不客气！",
            ],
        },
        "ru": {
            "them": [
                "Здравствуйте! Когда будет доставка заказа {order}?",
                "Спасибо большое!",
                "Можно оплатить картой при получении?",
                "Отлично, всё пришло 👍",
            ],
            "us": [
                "Здравствуйте, {first}! Сейчас проверю.",
                "Ваш заказ отправлен сегодня 📦",
                "Да, можно оплатить картой курьеру.",
            ],
        },
    },
    # Scripted kinds: lines are used in order, speakers alternate starting with us.
    "recruiting": {
        "en": {
            "us": [
                "Hi {first}, I came across your profile and think you'd be a great fit for our Senior Backend "
                "Engineer role in Lyon. Open to a quick chat?",
                "Great! The range is €65–75k plus equity, and the team works remotely three days a week.",
                "Would Thursday 2pm work for a 20-minute call?",
                "Perfect, I've just sent you a calendar invite 📅",
            ],
            "them": [
                "Hi Claire, thanks for reaching out. I'm open to hearing more — could you share the salary range?",
                "Sounds good. Here is my updated CV.",
                "Thursday works for me.",
                "Thanks, talk soon!",
            ],
        },
    },
    "sales": {
        "en": {
            "us": [
                "Hi {first}, congrats on the Series A! Are you evaluating tools for support automation?",
                "It's €29 per seat per month, with volume discounts from 20 seats. Want a two-minute demo video?",
                "Here it is: https://example.com/demo — would Tuesday work for a call?",
                "Great, invite sent for Tuesday 10am CET.",
            ],
            "them": [
                "Maybe — what does pricing look like for 25 seats?",
                "Sure, send it over.",
                "Tuesday is fine, 10am CET.",
                "👍",
            ],
        },
    },
    "network": {
        "en": {
            "them": [
                "Hi! Great meeting you at the meetup yesterday.",
                "Thanks for the intro, much appreciated 🙏",
                "Do you have a few minutes this week to talk about the partnership?",
                "Sounds good!",
                "I'll send the deck tomorrow.",
                "Congrats on the new role 🎉",
            ],
            "us": [
                "Likewise {first}! Let's keep in touch.",
                "Happy to help.",
                "Wednesday afternoon works for me.",
                "Thanks {first} 😊",
                "Looking forward to it.",
            ],
        },
        "fr": {
            "them": [
                "Bonjour, ravi d'avoir échangé hier !",
                "Merci pour la mise en relation 🙏",
                "On se cale un café la semaine prochaine ?",
            ],
            "us": [
                "Avec plaisir {first} !",
                "Mardi matin, ça te va ?",
                "Parfait, à bientôt.",
            ],
        },
    },
    "team": {
        "fr": {
            "them": [
                "Le camion de 14h est en retard d'une heure 🚚",
                "Les colis pour Lyon sont partis.",
                "Il manque 3 cartons sur la commande #{order}.",
                "Je m'en occupe.",
                "Inventaire terminé ✅",
                "Qui peut passer à l'entrepôt demain matin ?",
            ],
            "us": [
                "Merci pour l'info, je préviens les clients concernés.",
                "Super, merci à tous 🙌",
                "Je regarde avec le transporteur.",
            ],
        },
        "en": {
            "them": [
                "New build is up, please test the checkout flow.",
                "Found a bug on the login page on Android 🐛",
                "Works for me now.",
                "Can we ship on Friday?",
            ],
            "us": [
                "Thanks, filing it now.",
                "Friday works if QA is green ✅",
                "Great work everyone!",
            ],
        },
    },
    "channel": {
        "en": {
            "them": [
                "Service update: deliveries in the Paris area are delayed by 24h because of strikes.",
                "All depots are operating normally today ✅",
                "Reminder: pickups on public holidays must be booked 48h in advance.",
                "New: Saturday deliveries are now available in Lyon and Marseille 🎉",
            ],
            "us": [],
        },
    },
}

SCRIPTED_KINDS = frozenset({"recruiting", "sales"})
