// Texts of reminders: the header's notifications, 我的设置 (the reminder
// settings) and the mail.* settings, in Chinese and English. Merged into
// messages.js's tree by messages_extra.js's extendMessages().
export const commsMessages = {
  zh: {
    menu: { mySettings: '我的设置' },
    admin: {
      groups: { mail: '邮件', campaign: '营销邮件', greeting: '节日问候' },
      labels: {
        mail: {
          smtp_url: 'SMTP 服务器（smtp://主机:端口 或 smtps://主机:端口，留空不发邮件）', from: '发件人地址',
          username: 'SMTP 用户名（留空不登录）', password: 'SMTP 密码（不会显示）', starttls: 'STARTTLS 加密',
          public_url: 'kehu 的公网地址（邮件中退订、打开和点击链接用，如 https://crm.example.com）',
        },
        campaign: {
          cap_per_contact: '每位联系人在周期内最多收到几封（0 不限）', cap_per_company: '每家客户的联系人合计最多几封（0 不限）',
          cap_window_days: '频次上限的周期（天）', rate_per_second: '每秒最多发送几封（0 不限）', rate_per_hour: '每小时最多发送几封（0 不限）',
        },
        greeting: { send_hour: '每天几点（UTC）发出当天的问候' },
      },
      secretSet: '已设置，留空不变', secretUnset: '未设置',
      tls: { none: '不加密', try: '服务器支持时加密', required: '必须加密' },
    },
    notif: {
      title: '通知', bell: '通知', empty: '没有通知', unreadOnly: '只看未读', readAll: '全部已读', read: '已读',
      more: '加载更多', settings: '提醒设置', overdue: '已逾期', readAllOk: '已全部标记为已读', due: '日期 {d}',
    },
    remind: {
      title: '我的设置', section: '提醒', inApp: '站内通知', inAppHint: '待办事项每天在右上角的铃铛中提醒',
      email: '每日邮件', emailHint: '每天把待办汇总发到 {a}', noAddress: '您的账号没有邮箱地址，请联系管理员填写',
      notConfigured: '管理员尚未配置邮件服务器（mail.smtp_url），暂时不会发送', hour: '发送时间（UTC）',
      hourOption: '{h}:00', kinds: '提醒哪些待办', lang: '邮件语言', zh: '中文', en: 'English',
      save: '保存', saved: '已保存',
    },
  },
  en: {
    menu: { mySettings: 'My settings' },
    admin: {
      groups: { mail: 'E-mail', campaign: 'Campaign mail', greeting: 'Greetings' },
      labels: {
        mail: {
          smtp_url: 'SMTP server (smtp://host:port or smtps://host:port; blank: no e-mail)', from: 'Sender address',
          username: 'SMTP login (blank: none)', password: 'SMTP password (never shown)', starttls: 'STARTTLS',
          public_url: 'Public address of kehu (for the unsubscribe, open and click links in mail, e.g. https://crm.example.com)',
        },
        campaign: {
          cap_per_contact: 'Most messages to one contact in the window (0: no cap)', cap_per_company: "Most messages to one customer's contacts together (0: no cap)",
          cap_window_days: 'Window of the frequency caps (days)', rate_per_second: 'Most messages a second (0: no limit)', rate_per_hour: 'Most messages an hour (0: no limit)',
        },
        greeting: { send_hour: "Hour (UTC) at which the day's greetings go out" },
      },
      secretSet: 'Set; leave blank to keep it', secretUnset: 'Not set',
      tls: { none: 'No encryption', try: 'When the server offers it', required: 'Required' },
    },
    notif: {
      title: 'Notifications', bell: 'Notifications', empty: 'No notifications', unreadOnly: 'Unread only', readAll: 'Mark all read', read: 'Read',
      more: 'Load more', settings: 'Reminder settings', overdue: 'Overdue', readAllOk: 'All marked read', due: 'Due {d}',
    },
    remind: {
      title: 'My settings', section: 'Reminders', inApp: 'In-app notifications', inAppHint: 'Your to-dos each day in the bell at the top right',
      email: 'Daily e-mail', emailHint: 'A summary of your to-dos each day to {a}', noAddress: 'Your account has no e-mail address: ask an admin to add one',
      notConfigured: 'No mail server is set up yet (mail.smtp_url): nothing is sent for now', hour: 'Sent at (UTC)',
      hourOption: '{h}:00', kinds: 'Which to-dos', lang: 'Language of the e-mail', zh: '中文', en: 'English',
      save: 'Save', saved: 'Saved',
    },
  },
}
