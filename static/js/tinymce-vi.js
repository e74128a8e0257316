/* The dashboard's rich-text editor (TinyMCE, from Oscar's static files) in Vietnamese.
   Our own strings, for the toolbar Oscar configures (styles | bold italic blockquote |
   bullist numlist | link), its link dialog and the editor's own labels: not a TinyMCE language
   pack, whose licence we could not confirm as compatible. Loaded after tinymce.min.js; when
   the page is Vietnamese (<html lang="vi">) every editor starts with language "vi", so no
   language file is fetched. No inline script: the Content-Security-Policy forbids it. */
(function () {
  "use strict";
  if (!window.tinymce || (document.documentElement.lang || "").slice(0, 2) !== "vi") return;
  var http = "The URL you entered seems to be an external link. Do you want to add the required ";
  var strings = {
    "Rich Text Area": "Vùng soạn thảo",
    "Press {0} for help": "Nhấn {0} để xem trợ giúp",
    "Reveal or hide additional toolbar items": "Hiện hoặc ẩn các nút khác",
    "Formats": "Định dạng",
    "Format {0}": "Định dạng {0}",
    "Blocks": "Khối",
    "Block {0}": "Khối {0}",
    "Text": "Văn bản",
    "Paragraph": "Đoạn văn",
    "Heading 1": "Tiêu đề 1",
    "Heading 2": "Tiêu đề 2",
    "Heading 3": "Tiêu đề 3",
    "Heading 4": "Tiêu đề 4",
    "Heading 5": "Tiêu đề 5",
    "Heading 6": "Tiêu đề 6",
    "Bold": "In đậm",
    "Italic": "In nghiêng",
    "Underline": "Gạch chân",
    "Blockquote": "Trích dẫn",
    "Bullet list": "Danh sách dấu chấm",
    "Numbered list": "Danh sách đánh số",
    "Undo": "Hoàn tác",
    "Redo": "Làm lại",
    "Link": "Liên kết",
    "Link...": "Liên kết...",
    "Insert/edit link": "Chèn/sửa liên kết",
    "Insert/Edit Link": "Chèn/sửa liên kết",
    "Open link": "Mở liên kết",
    "Remove link": "Bỏ liên kết",
    "URL": "Địa chỉ (URL)",
    "Text to display": "Chữ hiển thị",
    "Title": "Tiêu đề",
    "Open link in...": "Mở liên kết ở...",
    "Current window": "Cửa sổ hiện tại",
    "New window": "Cửa sổ mới",
    "None": "Không",
    "Link list": "Danh sách liên kết",
    "Anchors": "Neo",
    "Browse links": "Duyệt liên kết",
    "Save": "Lưu",
    "Cancel": "Hủy",
    "Close": "Đóng",
    "OK": "Đồng ý",
    "Yes": "Có",
    "No": "Không",
    "The URL you entered seems to be an email address. Do you want to add the required mailto: prefix?":
      "Địa chỉ bạn nhập có vẻ là một địa chỉ e-mail. Thêm tiền tố mailto: cần thiết?"
  };
  strings[http + "http:// prefix?"] = "Địa chỉ bạn nhập có vẻ là một liên kết ra ngoài. Thêm tiền tố http:// cần thiết?";
  strings[http + "https:// prefix?"] = "Địa chỉ bạn nhập có vẻ là một liên kết ra ngoài. Thêm tiền tố https:// cần thiết?";
  window.tinymce.addI18n("vi", strings);
  window.tinymce.overrideDefaults({ language: "vi" });
})();
