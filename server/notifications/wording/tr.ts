// The notices in Turkish (for "tr"), in the polite "siz" form the widget uses.
import type { Wording } from './index.js';

export const tr: Wording = {
  lang: 'tr',
  hello: (name) => `Merhaba ${name},`,
  kinds: {
    password_changed: {
      subject: 'Şifreniz değiştirildi',
      lead: 'Hesabınızın şifresi değiştirildi:',
      threat: 'Bunu siz yapmadıysanız, başka biri sizin yerinize giriş yapabilir.',
      sms: 'hesabınızın şifresi {when} tarihinde değiştirildi.',
    },
    factor_added: {
      subject: 'Hesabınıza yeni bir giriş yöntemi eklendi',
      lead: 'Hesabınıza yeni bir giriş yöntemi eklendi:',
      threat: 'Bunu siz yapmadıysanız, şifrenizi bilen biri sizin yerinize giriş yapmanın bir yolunu ekledi.',
      sms: 'hesabınıza {when} tarihinde {what} eklendi.',
    },
    factor_removed: {
      subject: 'Hesabınızdan bir giriş yöntemi kaldırıldı',
      lead: 'Hesabınızdan bir giriş yöntemi kaldırıldı:',
      threat: 'Bunu siz yapmadıysanız, sizin yerinize giriş yapabilen biri giriş yöntemlerinizden birini kaldırdı.',
      sms: 'hesabınızdan {when} tarihinde {what} kaldırıldı.',
    },
    phone_changed: {
      subject: 'Hesabınızın telefon numarası değiştirildi',
      lead: 'Hesabınızın SMS kodları gönderdiği telefon numarası değiştirildi:',
      threat: 'Bunu siz yapmadıysanız, sizin yerinize giriş yapabilen biri kodlarınızı almaya çalışıyor olabilir.',
      sms: 'hesabınızın telefon numarası {when} tarihinde değiştirildi.',
    },
    email_changed: {
      subject: 'Hesabınızın e-posta adresi değiştirildi',
      lead: 'Hesabınızın e-posta adresi değiştirildi:',
      threat:
        'Bunu siz yapmadıysanız, sizin yerinize giriş yapabilen biri bundan haberdar olmanızı engellemeye ' +
        'çalışıyor olabilir.',
      sms: 'hesabınızın e-posta adresi {when} tarihinde değiştirildi.',
    },
    recovery_code_used: {
      subject: 'Hesabınıza giriş için bir kurtarma kodu kullanıldı',
      lead: 'Kurtarma kodlarınızdan biri hesabınıza giriş yapmak için kullanıldı:',
      threat: 'Bunu siz yapmadıysanız, birinde şifreniz ve kurtarma kodlarınızdan biri var.',
      sms: 'hesabınıza giriş için {when} tarihinde bir kurtarma kodu kullanıldı.',
    },
    recovery_codes_regenerated: {
      subject: 'Hesabınız için yeni kurtarma kodları oluşturuldu',
      lead: 'Hesabınız için yeni kurtarma kodları oluşturuldu; önceki kodlarınız artık çalışmıyor:',
      threat: 'Bunu siz yapmadıysanız, sizin yerinize giriş yapabilen biri artık kurtarma kodlarınıza sahip.',
    },
    new_sign_in: {
      subject: 'Hesabınızda yeni giriş',
      lead: 'Hesabınıza daha önce hiç kullanılmamış bir tarayıcıdan giriş yapıldı:',
      threat: 'Bunu siz yapmadıysanız, biri şifrenizi biliyor.',
    },
  },
  rows: {
    factor: 'Giriş yöntemi',
    phone: 'Telefon numarası',
    previousPhone: 'Önceki numara',
    email: 'Adres',
    previousEmail: 'Önceki adres',
    codesLeft: 'Kalan kodlar',
    codes: 'Yeni kodlar',
    when: 'Zaman',
    by: 'Değiştiren',
    browser: 'Tarayıcı',
    ip: 'IP adresi',
    application: 'Uygulama',
  },
  factors: {
    otp: { mail: 'kimlik doğrulama uygulaması', sms: 'kimlik doğrulama uygulaması' },
    passkey: { mail: 'geçiş anahtarı veya güvenlik anahtarı', sms: 'bir geçiş anahtarı' },
    phone: { mail: 'SMS kodları için telefon numarası', sms: 'bir telefon numarası' },
    email: { mail: 'giriş kodları için e-posta adresi', sms: 'bir e-posta adresi' },
    recovery_code: { mail: 'kurtarma kodu', sms: 'bir kurtarma kodu' },
    other: { mail: 'giriş yöntemi', sms: 'bir giriş yöntemi' },
  },
  browser: ({ browser, os }) =>
    browser && os
      ? `${os} üzerinde ${browser}`
      : os
        ? `${os} üzerinde bir tarayıcı`
        : (browser ?? 'bilinmeyen bir tarayıcı'),
  unknown: 'bilinmiyor',
  administrator: 'bir yönetici',
  none: 'yok',
  firstFactor: 'Bu, hesabınızdaki ilk ikinci faktör: bundan sonra girişte şifrenizin yanı sıra bu da istenecek.',
  ifYou: 'Bunu siz yaptıysanız yapmanız gereken bir şey yok.',
  adminThreat: 'Bu değişikliği siz istemediyseniz, biri hesabınızı ele geçirmeye çalışıyor olabilir.',
  nextSteps: ({ kind, contact, resetUrl }) => {
    // A configured contact is quoted after a colon, so that no Turkish case ending has to follow it.
    const who = contact ? `şu kişiye başvurun: ${contact}` : 'yöneticinize başvurun';
    const change = resetUrl ? `Şifrenizi hemen ${resetUrl} adresinde değiştirin` : 'Şifrenizi hemen değiştirin';
    switch (kind) {
      case 'password_changed':
        return resetUrl
          ? `Hemen ${resetUrl} adresinde yeni bir şifre belirleyin ve ${who}.`
          : `Hemen ${who}; size yeni bir şifre belirleyebilir.`;
      case 'factor_added':
        return `${change} ve giriş yöntemini kaldırabilmesi için ${who}.`;
      default:
        return `${change} ve ${who}.`;
    }
  },
  footer: (issuer) =>
    `${issuer} adresindeki giriş hizmeti tarafından otomatik olarak gönderildi. ` +
    'Sizden asla şifrenizi veya bir kodu göndermenizi istemez.',
  smsNotYou: 'Siz değil misiniz? Şifrenizi değiştirin, destek ekibine yazın.',
};
