/** The words of the customer's tab strip in the live view (spread into messages.ts). */
export const tabsJa = {
  tabs: {
    label: 'お客様のタブ',
    count: (n: number) => `${n}個のタブ`,
    states: {
      active: 'お客様が表示中',
      background: '背面',
      away: '接続待ち',
      closed: '閉じられました',
    },
    switching: 'お客様が表示中のタブに切り替えています…',
    switched: (title: string) => `お客様が「${title}」のタブに切り替えました。画面を切り替えます。`,
    controlMoved: 'お客様が別のタブに切り替えたため、操作は送られませんでした。画面はそのタブに切り替わります。',
    switchingToPick: '選択したタブに切り替えています…',
    viewing: '閲覧中',
    pickHint: 'クリックするとこのタブを表示します',
    follow: 'お客様に追従',
    followHint: 'お客様が表示中のタブを表示し、切り替えに追従します',
    switchedWhilePicked: (title: string) => `お客様が「${title}」のタブに切り替えました。画面は選択中のタブのままです。`,
    picked: (title: string) => `「${title}」のタブを表示しています。お客様は別のタブを表示中です。`,
    joinedPick: (title: string) => `お客様も「${title}」のタブに切り替えました。`,
    following: 'お客様が表示中のタブを表示し、切り替えに追従します。',
    pickClosed: '表示していたタブが閉じられました。お客様が表示中のタブに戻ります。',
    guidanceOff: 'お客様は別のタブを表示中です。このタブではポインター・強調表示・リモート操作は使えません（お客様には見えません）。',
  },
};

export type TabsMessages = typeof tabsJa;

export const tabsEn: TabsMessages = {
  tabs: {
    label: "Customer's tabs",
    count: (n: number) => `${n} tabs`,
    states: {
      active: 'Customer is here',
      background: 'In background',
      away: 'Reconnecting',
      closed: 'Closed',
    },
    switching: 'Switching to the tab the customer is looking at…',
    switched: (title: string) => `The customer switched to the tab “${title}”. The view follows.`,
    controlMoved: 'Not sent: the customer switched to another tab. The view follows it.',
    switchingToPick: 'Switching to the tab you picked…',
    viewing: 'Viewing',
    pickHint: 'Click to view this tab',
    follow: 'Follow the customer',
    followHint: 'Show the tab the customer is on, and follow when they switch',
    switchedWhilePicked: (title: string) => `The customer switched to the tab “${title}”. The view stays on the tab you picked.`,
    picked: (title: string) => `Viewing the tab “${title}”. The customer is on another tab.`,
    joinedPick: (title: string) => `The customer switched to the tab “${title}” too.`,
    following: 'Showing the tab the customer is on, following their switches.',
    pickClosed: 'The tab you were viewing closed. Back to the tab the customer is on.',
    guidanceOff: 'The customer is on another tab. Pointer, highlight and remote control do not work here: the customer cannot see this tab.',
  },
};
